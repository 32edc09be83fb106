import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import type { AuditEvent } from "../../src/domain/audit.ts";
import { captureIO } from "../catalog/helpers.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "warden-tick-audit-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function warden(...args: string[]) {
  const io = { ...captureIO(), env: { WARDEN_STATE_DIR: dir } };
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("a dry-run tick's audit", () => {
  it("records planned, blocked and deferred events per action, locally only, and one tick event", async () => {
    const config = join(dir, "ops-warden.yml");
    await writeFile(config, "limits:\n  messages_per_tick: 10\n");
    expect((await warden("worker", "run", "--once", "--config", config)).code).toBe(0);
    const events = (await warden("activity", "--json", "--limit", "0")).stdout.trim().split("\n").map((l) => JSON.parse(l) as AuditEvent);
    expect(new Set(events.map((e) => e.mode))).toEqual(new Set(["dry-run"]));
    expect(new Set(events.map((e) => e.tick_id)).size).toBe(1);
    const outcomes = new Set(events.map((e) => e.outcome));
    expect([...outcomes].sort()).toEqual(["blocked", "deferred", "planned"]);
    const escalation = events.find((e) => e.action?.kind === "escalate");
    expect(escalation).toMatchObject({ outcome: "planned", rule: expect.any(String), detail: { category: expect.any(String) } });
    expect(events.filter((e) => e.action?.kind === "tick")).toHaveLength(1);
    // Dry-run marks nothing for the hub: nothing waits to be sent.
    const files = await readdir(join(dir, "audit"));
    expect(files.sort()).toEqual(["audit-000001.jsonl", "head.json"]);
  });
});
