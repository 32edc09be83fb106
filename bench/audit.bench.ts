/**
 * Audit trail figures: events written per second (secret gate + chained append + fsync), then
 * `warden activity` query time and `verify` time over 1,000,000 events, each with the peak heap
 * and RSS growth seen while it ran (a query streams: memory must stay flat). Prints; asserts nothing.
 * AUDIT_BENCH_EVENTS overrides the size of the large trail.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuditTrail } from "../src/adapters/audit/trail.ts";
import { listAuditFiles } from "../src/adapters/audit/files.ts";
import { appendRecords } from "../src/adapters/audit/writer.ts";
import type { AuditEvent } from "../src/domain/audit.ts";
import { auditEvent } from "../src/domain/audit.ts";
import { createSecretScanner } from "../src/policy/secrets/index.ts";
import { messageStory, queryActivity, verifyAudit } from "../src/runtime/activity.ts";

const LARGE = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const MAX_FILE_BYTES = 16 * 1024 * 1024;

const template = auditEvent({
  at: "2026-12-01T10:00:00.000Z",
  actor: "worker",
  mode: "manual",
  outcome: "executed",
  tick_id: "t-20261201T100000Z-000000",
  message_id: "msg-0",
  thread_id: "thr-0",
  action: { kind: "answer_route", key: "warden-answer_route-000000000000000000000000" },
  rule: "sent",
  reason: null,
  links: { hub_message: "hub-0" },
  duration_ms: 12,
});

/** Event `i` without re-validating each one: the bench measures the trail, not zod. */
function eventNo(i: number): AuditEvent {
  return {
    ...template,
    id: `ev-${i.toString(16).padStart(32, "0")}`,
    at: new Date(Date.UTC(2026, 11, 1, 10) + i * 1000).toISOString(),
    tick_id: `t-${Math.floor(i / 100)}`,
    message_id: `msg-${i % 50_000}`,
    thread_id: `thr-${i % 50_000}`,
    outcome: i % 10 === 0 ? "planned" : "executed",
    action: { kind: "answer_route", key: `warden-answer_route-${i.toString(16).padStart(24, "0")}` },
  };
}

/** Runs `fn`, sampling heap and RSS every 20 ms; reports time and the peak growth over the start. */
async function measured<T>(label: string, fn: () => Promise<T>): Promise<T> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage();
  let peakHeap = start.heapUsed;
  let peakRss = start.rss;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }, 20);
  const started = performance.now();
  try {
    return await fn();
  } finally {
    clearInterval(sampler);
    const ms = performance.now() - started;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(`${label.padEnd(58)} ${(ms / 1000).toFixed(2).padStart(7)} s   peak heap +${mb(peakHeap - start.heapUsed)}, rss +${mb(peakRss - start.rss)}`);
  }
}

export async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "audit-bench-"));
  try {
    const scanner = createSecretScanner();
    const writeDir = join(dir, "write");
    for (const [label, count, every] of [["sink: gate + append + fsync per flush of 500", 20_000, 500], ["sink: gate + append + fsync per event", 200, 1]] as const) {
      const trail = new AuditTrail({ dir: writeDir, maxFileBytes: MAX_FILE_BYTES, scanner, writeEvery: every });
      const started = performance.now();
      for (let i = 0; i < count; i += 1) await trail.record(eventNo(i));
      await trail.flush();
      const ms = performance.now() - started;
      console.log(`${label.padEnd(58)} ${(count / (ms / 1000)).toFixed(0).padStart(7)} events/s (${count} in ${ms.toFixed(0)} ms)`);
    }

    const bigDir = join(dir, "big");
    const started = performance.now();
    for (let from = 0; from < LARGE; from += 10_000) {
      const batch = Array.from({ length: Math.min(10_000, LARGE - from) }, (_, k) => ({ event: eventNo(from + k) }));
      await appendRecords({ dir: bigDir, maxFileBytes: MAX_FILE_BYTES }, batch);
    }
    const ms = performance.now() - started;
    const files = await listAuditFiles(bigDir);
    let bytes = 0;
    for (const f of files) bytes += (await stat(join(bigDir, f))).size;
    console.log(`${"chained append without the gate (batches of 10,000)".padEnd(58)} ${(LARGE / (ms / 1000)).toFixed(0).padStart(7)} events/s`);
    console.log(`trail: ${LARGE} events, ${files.length} files, ${(bytes / 1024 / 1024).toFixed(0)} MB`);

    const location = { dir: bigDir, maxFileBytes: MAX_FILE_BYTES };
    const newest = await measured(`activity (table default: newest 50) over ${LARGE}`, () => queryActivity(location, {}, 50));
    const one = await measured(`activity --message msg-7 --outcome planned over ${LARGE}`, () => queryActivity(location, { message: "msg-7", outcome: "planned" }, 50));
    const story = await measured(`activity show msg-7 over ${LARGE}`, () => messageStory(location, "msg-7"));
    const verified = await measured(`activity verify over ${LARGE}`, () => verifyAudit(location));
    console.log(`(kept ${newest.events.length} / ${one.events.length} / ${story.events.length} events; verify: ${verified.records} records, ${verified.problem ? "BROKEN" : "intact"})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
