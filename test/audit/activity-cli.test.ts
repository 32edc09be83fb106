import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendRecords } from "../../src/adapters/audit/writer.ts";
import { runCli } from "../../src/cli/program.ts";
import { auditEvent } from "../../src/domain/audit.ts";
import type { AuditEvent } from "../../src/domain/audit.ts";
import { captureIO } from "../catalog/helpers.ts";
import { STORY } from "../support/audit-story.ts";

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "warden-activity-"));
  await appendRecords({ dir: join(stateDir, "audit"), maxFileBytes: 1 << 20 }, STORY.map((event) => ({ event })));
});
afterEach(() => rm(stateDir, { recursive: true, force: true }));

async function warden(...args: string[]) {
  const io = { ...captureIO(), env: { WARDEN_STATE_DIR: stateDir } };
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const jsonLines = (text: string) => text.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as AuditEvent);

describe("warden activity", () => {
  it("prints a table, newest first", async () => {
    const { code, stdout } = await warden("activity");
    expect(code).toBe(0);
    expect(stdout).toMatchSnapshot();
  });

  it("--json prints one schema-valid event per line, newest first", async () => {
    const events = jsonLines((await warden("activity", "--json")).stdout);
    expect(events.map((e) => e.id)).toEqual([...STORY].reverse().map((e) => e.id));
  });

  it.each([
    [["--message", "msg-a"], (e: AuditEvent) => e.message_id === "msg-a", 4],
    [["--outcome", "executed"], (e: AuditEvent) => e.outcome === "executed", 2],
    [["--actor", "relay"], (e: AuditEvent) => e.actor === "relay", 1],
    [["--since", "2026-12-01T09:05:00Z"], (e: AuditEvent) => e.at >= "2026-12-01T09:05", 5],
    [["--since", "2026-12-02"], () => false, 0],
    [["--message", "msg-a", "--outcome", "executed"], (e: AuditEvent) => e.message_id === "msg-a" && e.outcome === "executed", 1],
  ])("filters %j", async (flags, keep, count) => {
    const events = jsonLines((await warden("activity", "--json", ...flags)).stdout);
    expect(events).toHaveLength(count);
    expect(events.map((e) => e.id)).toEqual([...STORY].reverse().filter(keep).map((e) => e.id));
  });

  it("--since takes a duration back from now", async () => {
    const recent = auditEvent({ at: new Date(Date.now() - 10 * 60_000).toISOString(), actor: "cli", mode: "manual", outcome: "executed", action: { kind: "review", key: "k" } });
    await appendRecords({ dir: join(stateDir, "audit"), maxFileBytes: 1 << 20 }, [{ event: recent }]);
    expect(jsonLines((await warden("activity", "--json", "--since", "1h")).stdout).map((e) => e.id)).toEqual([recent.id]);
    expect(jsonLines((await warden("activity", "--json", "--since", "9m")).stdout)).toEqual([]);
  });

  it("--limit keeps the newest events", async () => {
    const events = jsonLines((await warden("activity", "--json", "--limit", "2")).stdout);
    expect(events.map((e) => e.id)).toEqual([STORY[9]?.id, STORY[8]?.id]);
  });

  it("refuses a bad --since, --outcome or --actor with exit 2", async () => {
    const since = await warden("activity", "--since", "yesterday");
    expect(since.code).toBe(2);
    expect(since.stderr).toContain("--since");
    expect((await warden("activity", "--outcome", "done")).code).toBe(2);
    expect((await warden("activity", "--actor", "robot")).code).toBe(2);
  });

  it("says so when nothing matches, and when there is no trail yet", async () => {
    expect((await warden("activity", "--message", "nope")).stdout).toContain("no audit events match");
    await rm(join(stateDir, "audit"), { recursive: true });
    // No trail at all is not an empty result: exit 1, saying where it looked.
    expect(await warden("activity")).toMatchObject({ code: 1, stderr: expect.stringContaining(`no audit trail yet: local trail ${join(stateDir, "audit")}`) });
  });
});

describe("warden activity show", () => {
  it("tells one message's story across ticks and relays, oldest first", async () => {
    const { code, stdout } = await warden("activity", "show", "msg-a");
    expect(code).toBe(0);
    expect(stdout).toMatchSnapshot();
    expect(stdout.indexOf("worker tick t-1")).toBeLessThan(stdout.indexOf("worker tick t-2"));
    expect(stdout.indexOf("worker tick t-2")).toBeLessThan(stdout.indexOf("relay (manual)"));
  });

  it("takes a unique prefix of the id, as the compact plan shows it, and names the matches of an ambiguous one", async () => {
    const full = await warden("activity", "show", "msg-a");
    expect(await warden("activity", "show", "msg-…")).toMatchObject({ code: 2, stderr: expect.stringContaining("matches 3 messages (msg-a, msg-b, msg-c); give more of the id") });
    const shortened = await warden("activity", "show", "msg-a…");
    expect(shortened).toMatchObject({ code: 0, stdout: full.stdout });
  });

  it("exits 1 for a message the audit does not know", async () => {
    const { code, stdout } = await warden("activity", "show", "msg-zzz");
    expect(code).toBe(1);
    expect(stdout).toContain("no audit events for message msg-zzz");
  });
});

describe("warden activity verify", () => {
  it("exit 0 on an intact trail, 1 naming the file and line of the first break", async () => {
    expect(await warden("activity", "verify")).toMatchObject({ code: 0, stdout: expect.stringMatching(/^audit trail intact: 10 records in 1 files \(local trail .*\); chain head record 10, hash [0-9a-f]{64}\n$/) });
    const { writeFile, readFile } = await import("node:fs/promises");
    const path = join(stateDir, "audit", "audit-000001.jsonl");
    await writeFile(path, (await readFile(path, "utf8")).replace('"outcome":"failed"', '"outcome":"executed"'));
    const broken = await warden("activity", "verify");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe("audit trail BROKEN at audit-000001.jsonl line 9: the line's content does not match its hash: the line was edited\n");
    expect((await warden("activity")).stderr).toContain("1 audit lines could not be read");
  });
});
