/**
 * The durable audit branch: what one tick's append costs (fetch the tip at depth 1, append, commit,
 * push), how that grows with the branch, what a concurrent append costs, and what a fresh clone
 * pays to read and verify the whole history. Prints figures; asserts nothing.
 */
import { performance } from "node:perf_hooks";
import { appendToAuditBranch, openAuditBranch } from "../src/adapters/audit/branch.ts";
import { verifyTrail } from "../src/adapters/audit/verify-files.ts";
import { auditEvent } from "../src/domain/audit.ts";
import { bareOrigin, git } from "../test/support/git-origin.ts";

const TICKS = 30;
const EVENTS_PER_TICK = 100;

function tickRecords(tick: number) {
  return Array.from({ length: EVENTS_PER_TICK }, (_, i) => ({
    event: auditEvent({ at: new Date(Date.UTC(2026, 11, 1, 0, tick, i % 60)).toISOString(), actor: "worker", mode: "dry-run", outcome: "planned", tick_id: `t-${tick}`, message_id: `msg-${i}`, thread_id: `thr-${i}`, action: { kind: "answer_route", key: `warden-answer_route-${tick}-${i}` }, rule: "passed", detail: { route_id: "aws-iam-role" } }),
  }));
}

export async function main(): Promise<void> {
  const world = await bareOrigin();
  try {
    const target = { repoDir: world.checkout, ref: "warden/audit", identity: { name: "ops-warden[bot]", email: "bot@example.com" }, maxFileBytes: 16 * 1024 * 1024 };
    const times: number[] = [];
    for (let t = 1; t <= TICKS; t += 1) {
      const started = performance.now();
      await appendToAuditBranch({ ...target, summary: `t-${t}` }, tickRecords(t));
      times.push(performance.now() - started);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    console.log(`append of one ${EVENTS_PER_TICK}-event tick: first ${times[0]?.toFixed(0)} ms, median ${median(times).toFixed(0)} ms, last (branch of ${TICKS * EVENTS_PER_TICK} events) ${times.at(-1)?.toFixed(0)} ms`);

    let raced = false;
    const started = performance.now();
    const result = await appendToAuditBranch({ ...target, summary: "raced", beforePush: async () => {
      if (raced) return;
      raced = true;
      await appendToAuditBranch({ ...target, summary: "other" }, tickRecords(TICKS + 1));
    } }, tickRecords(TICKS + 2));
    console.log(`append with a concurrent append in between: ${(performance.now() - started).toFixed(0)} ms including the other append, ${result.attempts} attempts`);

    const reader = `${world.root}/reader`;
    await git(world.root, "clone", "--quiet", world.origin, reader);
    const readStart = performance.now();
    const snapshot = await openAuditBranch({ repoDir: reader, ref: "warden/audit", fetch: false });
    const opened = performance.now();
    const verified = await verifyTrail(snapshot!.dir);
    const done = performance.now();
    await snapshot?.dispose();
    console.log(`fresh clone: open the branch ${(opened - readStart).toFixed(0)} ms, verify ${verified.records} records ${(done - opened).toFixed(0)} ms (${verified.problem ? "BROKEN" : "intact"})`);
  } finally {
    await world.cleanup();
  }
}
