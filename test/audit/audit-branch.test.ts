import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendToAuditBranch } from "../../src/adapters/audit/branch.ts";
import { runCli } from "../../src/cli/program.ts";
import type { AuditEvent } from "../../src/domain/audit.ts";
import { auditEvent } from "../../src/domain/audit.ts";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import { startRelayAudit } from "../../src/runtime/relay-audit.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";
import { bareOrigin, git } from "../support/git-origin.ts";

const REF = "warden/audit";

let world: Awaited<ReturnType<typeof bareOrigin>>;
let hubDir: string;
beforeEach(async () => {
  world = await bareOrigin();
  hubDir = join(world.root, "hub");
  await mkdir(hubDir);
  await cp(join(REPO_ROOT, "samples", "inbox", "messages.json"), join(hubDir, "messages.json"));
});
afterEach(() => world.cleanup());

/** A fresh clone of origin, as a GitHub Actions runner gets one: nothing of earlier runs. */
async function freshClone(name: string): Promise<string> {
  const dir = join(world.root, name);
  await git(world.root, "clone", "--quiet", world.origin, dir);
  return dir;
}

/**
 * `warden …` in `cwd`. A run gets a fresh, empty state dir (nothing survives between runners); a
 * reader (`{}`) sets none, as an operator in a fresh clone (its default `.warden/` is in the temp clone).
 */
async function warden(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  const state = Object.keys(env).length > 0 ? { WARDEN_STATE_DIR: await mkdtemp(join(world.root, "state-")) } : {};
  const io = { ...captureIO(cwd), env: { ...state, ...env } };
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** One scheduled tick as tick.yml runs it: a fresh clone, a fresh state dir, WARDEN_AUDIT_REF set. */
async function actionsTick(name: string): Promise<{ summary: string; stderr: string }> {
  const clone = await freshClone(name);
  const summaryPath = join(world.root, `${name}-summary.md`);
  const run = await warden(clone, { WARDEN_AUDIT_REF: REF, GITHUB_EVENT_NAME: "schedule", GITHUB_STEP_SUMMARY: summaryPath }, "worker", "run", "--once", "--hub", `file:${hubDir}`);
  expect(run.code, run.stderr).toBe(0);
  return { summary: await readFile(summaryPath, "utf8"), stderr: run.stderr };
}

const jsonLines = (text: string) => text.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as AuditEvent);

describe("the durable audit branch (WARDEN_AUDIT_REF)", () => {
  it("two Actions runs on fresh clones append to one chain; a third fresh clone sees both in activity, verify and rollout check", async () => {
    const first = await actionsTick("run-1");
    const second = await actionsTick("run-2");
    for (const run of [first, second]) {
      expect(run.stderr).toMatch(/audit: \d+ events appended to warden\/audit \(commit [0-9a-f]{12}/);
      expect(run.summary).toMatch(/Audit chain head on `warden\/audit`: record \d+, hash `[0-9a-f]{64}`/);
    }
    // Append-only: the second run's commit sits on the first's, and nothing was forced.
    const log = (await git(world.origin, "log", "--format=%s", REF)).split("\n");
    expect(log).toHaveLength(2);
    expect(log.every((s) => s.startsWith("audit: t-"))).toBe(true);

    const third = await freshClone("reader");
    const activity = await warden(third, {}, "activity", "--json", "--limit", "0");
    expect(activity.code).toBe(0);
    expect(activity.stderr).toContain("reading the audit branch origin/warden/audit");
    const ticks = new Set(jsonLines(activity.stdout).filter((e) => e.action?.kind === "tick").map((e) => e.tick_id));
    expect(ticks.size).toBe(2);

    const verify = await warden(third, {}, "activity", "verify");
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^audit trail intact: \d+ records in 1 files \(audit branch origin\/warden\/audit/);
    // The head verify reaches is the head the second run's job summary recorded.
    const head = /record (\d+), hash `([0-9a-f]{64})`/.exec(second.summary);
    expect(verify.stdout).toContain(`chain head record ${head?.[1]}, hash ${head?.[2]}`);

    const rollout = await warden(third, {}, "rollout", "check", "--json");
    const report = JSON.parse(rollout.stdout) as { counted: { total: number; by_trigger: Record<string, number> }; source: string };
    expect(report.counted).toEqual({ total: 2, by_trigger: { schedule: 2 } });
    expect(report.source).toContain("audit branch");

    // The checkout the runs started from was never touched: no audit files, no new branches in it.
    expect(await git(world.checkout, "status", "--porcelain")).toBe("");
  });

  it("editing any line on the branch, even in an ordinary fast-forward commit, makes verify fail", async () => {
    await actionsTick("run-1");
    const attacker = await freshClone("attacker");
    await git(attacker, "checkout", "--quiet", REF);
    const file = join(attacker, "audit-000001.jsonl");
    const lines = (await readFile(file, "utf8")).split("\n");
    const victim = lines.findIndex((l) => l.includes('"outcome":"planned"'));
    lines[victim] = (lines[victim] as string).replace('"outcome":"planned"', '"outcome":"skipped"');
    await writeFile(file, lines.join("\n"));
    await git(attacker, "-c", "user.name=x", "-c", "user.email=x@example.com", "commit", "--quiet", "-am", "tidy");
    await git(attacker, "push", "--quiet", "origin", REF);

    const reader = await freshClone("reader");
    const verify = await warden(reader, {}, "activity", "verify");
    expect(verify.code).toBe(1);
    expect(verify.stdout).toBe(`audit trail BROKEN at audit-000001.jsonl line ${victim + 1}: the line's content does not match its hash: the line was edited\n`);
  });

  it("a concurrent append is retried on the new tip, never forced: both appends survive, in one chain", async () => {
    const target = { repoDir: world.checkout, ref: REF, identity: { name: "ops-warden[bot]", email: "bot@example.com" }, maxFileBytes: 1 << 20 };
    const event = (n: number) => ({ event: auditEvent({ at: `2026-12-01T10:00:0${n}Z`, actor: "worker", mode: "dry-run", outcome: "planned", tick_id: `t-${n}`, action: { kind: "tick", key: `t-${n}` } }) });
    await appendToAuditBranch({ ...target, summary: "first" }, [event(1)]);
    let raced = false;
    const result = await appendToAuditBranch(
      {
        ...target,
        summary: "mine",
        // Another runner appends between our fetch and our push.
        beforePush: async () => {
          if (raced) return;
          raced = true;
          await appendToAuditBranch({ ...target, summary: "theirs" }, [event(2)]);
        },
      },
      [event(3)],
    );
    expect(result.attempts).toBe(2);
    expect(result.head.seq).toBe(3);
    expect((await git(world.origin, "log", "--format=%s", REF)).split("\n")).toEqual(["audit: mine", "audit: theirs", "audit: first"]);

    const reader = await freshClone("reader");
    const events = jsonLines((await warden(reader, {}, "activity", "--json", "--limit", "0")).stdout);
    expect(events.map((e) => e.tick_id).sort()).toEqual(["t-1", "t-2", "t-3"]);
    expect((await warden(reader, {}, "activity", "verify")).code).toBe(0);
  });

  it("relay events join the same chain on the branch", async () => {
    await actionsTick("run-1");
    const relayClone = await freshClone("relay");
    const audit = startRelayAudit({ root: relayClone, env: { WARDEN_STATE_DIR: await mkdtemp(join(world.root, "state-")), WARDEN_AUDIT_REF: REF }, config: DEFAULT_CONFIG });
    const relayed = auditEvent({ at: "2026-12-01T12:00:00Z", actor: "relay", mode: "dry-run", outcome: "relayed", message_id: "msg-0006", action: { kind: "pr_merged", key: "relay-key-1" }, links: { pr: "https://github.com/acme/estate/pull/7", hub_message: "hub-42" } });
    await audit.sink.record(relayed);
    const end = await audit.finish();
    expect(end.publishError).toBeUndefined();
    expect(end.notices.join("\n")).toContain("1 relay events appended to warden/audit");

    const reader = await freshClone("reader");
    const story = await warden(reader, {}, "activity", "show", "msg-0006", "--json");
    const events = jsonLines(story.stdout);
    expect(events.map((e) => [e.actor, e.outcome])).toContainEqual(["relay", "relayed"]);
    expect(events.find((e) => e.actor === "relay")?.links).toEqual({ pr: "https://github.com/acme/estate/pull/7", hub_message: "hub-42" });
    expect((await warden(reader, {}, "activity", "verify")).code).toBe(0);
  });

  it("a review recorded in a clone reaches the branch, so the next fresh clone's check counts it", async () => {
    await actionsTick("run-1");
    const operator = await freshClone("operator");
    const before = JSON.parse((await warden(operator, {}, "rollout", "check", "--json")).stdout) as { unreviewed: unknown[] };
    expect(before.unreviewed.length).toBeGreaterThan(0);
    const review = await warden(operator, {}, "rollout", "review", "--all");
    expect(review.code).toBe(0);
    expect(review.stdout).toMatch(/^recorded \d+ reviews in the audit \(and on warden\/audit, commit [0-9a-f]{12}\)/);
    const later = await freshClone("later");
    const after = JSON.parse((await warden(later, {}, "rollout", "check", "--json")).stdout) as { unreviewed: unknown[] };
    expect(after.unreviewed).toEqual([]);
    expect((await warden(later, {}, "activity", "verify")).code).toBe(0);
  });

  it("without an audit branch the local trail is read; --local reads it even when there is one", async () => {
    const clone = await freshClone("plain");
    const none = await warden(clone, {}, "activity", "verify");
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("no audit trail to verify");
    await actionsTick("run-1");
    const reader = await freshClone("reader");
    const local = await warden(reader, {}, "activity", "--local");
    expect(local.code).toBe(1);
    expect(local.stderr).toContain("no audit trail yet: local trail");
    // An explicit WARDEN_STATE_DIR (without WARDEN_AUDIT_REF) names the trail to read; --fetch asks for the branch.
    const named = await warden(reader, { WARDEN_LOG_LEVEL: "info" }, "activity");
    expect(named.code).toBe(1);
    expect(named.stderr).toContain("no audit trail yet: local trail");
    const fetched = await warden(reader, { WARDEN_LOG_LEVEL: "info" }, "activity", "--fetch");
    expect(fetched.code).toBe(0);
    expect(fetched.stderr).toContain("reading the audit branch origin warden/audit");
  });
});

describe("activity subcommands honour their own flags", () => {
  let state: string;
  beforeEach(async () => {
    state = await mkdtemp(join(tmpdir(), "warden-activity-flags-"));
  });
  afterEach(() => rm(state, { recursive: true, force: true }));

  it("`activity verify --root <dir>` and `activity show --json --root <dir>` from elsewhere read that root", async () => {
    const root = await mkdtemp(join(state, "root-"));
    await mkdir(join(root, "catalog"));
    const run = async (...args: string[]) => {
      const io = { ...captureIO(tmpdir()), env: {} };
      const code = await runCli(args, io);
      return { code, stdout: io.stdout(), stderr: io.stderr() };
    };
    // Nothing under that root yet: not "intact: 0 records" with exit 0.
    const empty = await run("activity", "verify", "--root", root);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain(`no audit trail to verify: local trail ${join(root, ".warden", "audit")}`);
    const json = await run("activity", "verify", "--json", "--root", root);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ files: 0, records: 0, absent: true });

    const { appendRecords } = await import("../../src/adapters/audit/writer.ts");
    const event = auditEvent({ at: "2026-12-01T10:00:00Z", actor: "worker", mode: "dry-run", outcome: "planned", message_id: "msg-x", tick_id: "t-1", action: { kind: "reply", key: "k-1" } });
    await appendRecords({ dir: join(root, ".warden", "audit"), maxFileBytes: 1 << 20 }, [{ event }]);
    const shown = await run("activity", "show", "msg-x", "--json", "--root", root);
    expect(shown.code).toBe(0);
    expect(jsonLines(shown.stdout).map((e) => e.id)).toEqual([event.id]);
    expect((await run("activity", "verify", "--root", root)).stdout).toMatch(/^audit trail intact: 1 records in 1 files/);
  });
});
