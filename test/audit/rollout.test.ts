import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendRecords } from "../../src/adapters/audit/writer.ts";
import { RolloutEvidence } from "../../src/audit/rollout.ts";
import { runCli } from "../../src/cli/program.ts";
import type { AuditEvent, AuditEventInput } from "../../src/domain/audit.ts";
import { auditEvent } from "../../src/domain/audit.ts";
import { captureIO } from "../catalog/helpers.ts";

/** One dry-run tick's events: optionally an escalation, a failure or an outbound guardrail hit. */
function tick(n: number, extra: { escalate?: string; fail?: boolean; outbound?: boolean; mode?: "dry-run" | "manual"; run?: Record<string, string | number | null> } = {}): AuditEvent[] {
  // How the tick ran, as its tick event records it: a scheduled single tick unless told otherwise.
  const run = { trigger: "schedule", scope: "inbox", loop_interval_seconds: null, ...extra.run };
  const base = { at: new Date(Date.UTC(2026, 11, 1, 8, n)).toISOString(), actor: "worker", mode: extra.mode ?? "dry-run", tick_id: `t-${n}` } as const;
  const events: AuditEventInput[] = [{ ...base, outcome: "planned", message_id: `m-${n}`, action: { kind: "answer_route", key: `ans-${n}` }, rule: "passed" }];
  if (extra.escalate) events.push({ ...base, outcome: "planned", message_id: `m-${n}`, action: { kind: "escalate", key: extra.escalate }, rule: "production" });
  if (extra.outbound) events.push({ ...base, outcome: "blocked", message_id: `m-${n}`, action: { kind: "reply", key: `r-${n}` }, rule: "outbound-secret" });
  if (extra.fail) events.push({ ...base, outcome: "failed", action: { kind: "tick", key: base.tick_id }, rule: "tick-failed", reason: "hub down", detail: run });
  else events.push({ ...base, outcome: "planned", action: { kind: "tick", key: base.tick_id }, detail: { messages: 1, ...run } });
  return events.map(auditEvent);
}

const review = (key: string) => auditEvent({ at: "2026-12-01T09:00:00Z", actor: "cli", mode: "dry-run", outcome: "executed", action: { kind: "review", key }, rule: "operator-review" });

function judge(events: AuditEvent[], required = 5, minIntervalSeconds = 300) {
  const evidence = new RolloutEvidence(minIntervalSeconds);
  for (const e of events) evidence.add(e);
  return evidence.report(required);
}

describe("rollout evidence", () => {
  it("ready: five clean dry-run ticks whose escalations were all reviewed", () => {
    const report = judge([...tick(1, { fail: true }), ...[2, 3, 4, 5, 6].flatMap((n) => tick(n, { escalate: "esc-1" })), review("esc-1")]);
    expect(report).toMatchObject({ ready: true, reasons: [], unreviewed: [] });
    expect(report.ticks.map((t) => t.tick_id)).toEqual(["t-2", "t-3", "t-4", "t-5", "t-6"]);
  });

  it.each([
    ["too few dry-run ticks", [1, 2, 3, 4].flatMap((n) => tick(n)), "only 4 of the 5"],
    ["manual ticks do not count", [...[1, 2, 3, 4].flatMap((n) => tick(n)), ...tick(5, { mode: "manual" })], "only 4 of the 5"],
    ["a failed tick", [1, 2, 3, 4, 5].flatMap((n) => tick(n, { fail: n === 3 })), "1 of the last 5 dry-run ticks had a failure"],
    ["an outbound guardrail hit", [1, 2, 3, 4, 5].flatMap((n) => tick(n, { outbound: n === 5 })), "hit an outbound guardrail"],
    ["an unreviewed escalation", [...[1, 2, 3, 4, 5].flatMap((n) => tick(n, { escalate: n === 2 ? "esc-x" : "esc-1" })), review("esc-1")], "1 planned escalations are not reviewed"],
  ])("not ready: %s", (_name, events, reason) => {
    const report = judge(events);
    expect(report.ready).toBe(false);
    expect(report.reasons.join("\n")).toContain(reason);
  });

  it.each([
    ["--message runs", { scope: "message" }, "message"],
    ["loops under the configured interval", { loop_interval_seconds: 1 }, "fast-loop"],
    ["ticks recorded without a trigger", { trigger: null }, "no-trigger"],
  ] as const)("does not count %s, and says so", (_name, run, reason) => {
    const report = judge([...[1, 2, 3, 4].flatMap((n) => tick(n)), ...[5, 6, 7].flatMap((n) => tick(n, { run }))]);
    expect(report.ready).toBe(false);
    expect(report.ticks.map((t) => t.tick_id)).toEqual(["t-1", "t-2", "t-3", "t-4"]);
    expect(report.not_counted).toEqual({ [reason]: 3 });
    expect(report.reasons.join("\n")).toContain("only 4 of the 5");
  });

  it("counts schedule, dispatch and local ticks and loops at the configured interval, by trigger", () => {
    const triggers = ["schedule", "dispatch", "local", "schedule", "local"];
    const report = judge(triggers.flatMap((trigger, i) => tick(i + 1, { run: { trigger, loop_interval_seconds: trigger === "local" ? 300 : null } })));
    expect(report).toMatchObject({ ready: true, counted: { total: 5, by_trigger: { schedule: 2, dispatch: 1, local: 2 } }, not_counted: {} });
  });

  it("a tick that never wrote its tick record is not evidence", () => {
    const unfinished = tick(6).filter((e) => e.action?.kind !== "tick");
    const report = judge([...[1, 2, 3, 4].flatMap((n) => tick(n)), ...unfinished]);
    expect(report.not_counted).toEqual({ unfinished: 1 });
    expect(report.ready).toBe(false);
  });
});

describe("warden rollout check / review and the scheduled warning", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "warden-rollout-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function warden(env: NodeJS.ProcessEnv, ...args: string[]) {
    const io = { ...captureIO(), env: { WARDEN_STATE_DIR: dir, ...env } };
    const code = await runCli(args, io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  }

  it("not ready (exit 1) until the escalations are reviewed, then ready (exit 0), with the evidence", async () => {
    await appendRecords({ dir: join(dir, "audit"), maxFileBytes: 1 << 20 }, [1, 2, 3, 4, 5].flatMap((n) => tick(n, { escalate: "esc-1" })).map((event) => ({ event })));
    const before = await warden({}, "rollout", "check");
    expect(before.code).toBe(1);
    expect(before.stdout).toContain("NOT READY");
    expect(before.stdout).toContain("esc-1  message m-5");
    expect((await warden({}, "rollout", "review", "esc-unknown")).code).toBe(2);
    expect(await warden({}, "rollout", "review", "esc-1")).toMatchObject({ code: 0, stdout: "recorded 1 reviews in the audit\n" });
    const after = await warden({}, "rollout", "check");
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("READY — the last 5 dry-run ticks hold");
    expect(after.stdout).toContain("t-5  schedule, 1 messages, 0 failures, 0 outbound guardrail hits, 1 escalations planned");
    expect(after.stdout).toContain("counted 5 dry-run ticks of the deployment (5 schedule)");
    expect(after.stdout).toContain("evidence read from the local trail");
    expect((await warden({}, "activity", "verify")).code).toBe(0);
  });

  it("mode: scheduled without a passing check warns in the tick output and the job summary", async () => {
    const config = join(dir, "ops-warden.yml");
    await writeFile(config, "mode: scheduled\n");
    const summary = join(dir, "summary.md");
    const { code, stderr } = await warden({ GITHUB_STEP_SUMMARY: summary }, "worker", "run", "--once", "--config", config);
    expect(code).toBe(0);
    expect(stderr).toContain("WARNING: mode is `scheduled` but `warden rollout check` does not pass");
    const markdown = await readFile(summary, "utf8");
    expect(markdown).toContain("> [!WARNING]");
    expect(markdown).toMatch(/\| planned \| \d+ \|/);
    expect(markdown).toContain("| `msg-0001` | `answer_route` | planned | `passed` | - |");
  });

  it("dry-run mode prints no warning and the job summary has none", async () => {
    const summary = join(dir, "summary.md");
    const { stderr } = await warden({ GITHUB_STEP_SUMMARY: summary }, "worker", "run", "--once");
    expect(stderr).not.toContain("WARNING");
    const markdown = await readFile(summary, "utf8");
    expect(markdown).not.toContain("WARNING");
    expect(markdown).toContain("## ops-warden tick `t-");
    expect(markdown).toContain("(dry-run)");
    // The dashboard's table goes to the job summary only: a dry-run writes no issue.
    expect(markdown).toContain("### Dashboard (dry-run: shown here, the issue is not written)");
    expect(markdown).toContain("**Mode:** `dry-run`");
  });

  it("records each tick's trigger; a --message run is recorded but not counted", async () => {
    expect((await warden({ GITHUB_EVENT_NAME: "schedule" }, "worker", "run", "--once")).code).toBe(0);
    expect((await warden({ GITHUB_EVENT_NAME: "workflow_dispatch" }, "worker", "run", "--once")).code).toBe(0);
    expect((await warden({}, "worker", "run", "--once", "--message", "msg-0001")).code).toBe(0);
    const check = await warden({}, "rollout", "check", "--json");
    const report = JSON.parse(check.stdout) as { counted: unknown; not_counted: unknown; ticks: { trigger: string }[] };
    expect(report.counted).toEqual({ total: 2, by_trigger: { schedule: 1, dispatch: 1 } });
    expect(report.not_counted).toEqual({ message: 1 });
    expect(report.ticks.map((t) => t.trigger)).toEqual(["schedule", "dispatch"]);
    const text = await warden({}, "rollout", "check");
    expect(text.stdout).toContain("not counted: 1 --message runs (one message's plan, not the inbox)");
  });
});
