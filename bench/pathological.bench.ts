/**
 * Cost of one message, whatever it holds, and planning on threads.
 *
 * 1. The worst per-message planning time (rule brain, every guardrail) over a generator of
 *    pathological 64 KiB messages (bench/support/pathological.ts): one anchor word repeated,
 *    long runs of one character, deep nesting, fence and quote storms, change blocks of that.
 *    Each case is planned once after a warm-up pass over variants of the same shapes (the
 *    scanner remembers texts it saw, so the measured texts are new to it). Target: < 50 ms each.
 * 2. Plan throughput of the worker's tick path on 0 (main thread), 1 and 2 planning threads,
 *    over the plan benchmark's realistic mix against a generated 1,000-route catalog.
 */
import { availableParallelism } from "node:os";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_CONFIG } from "../src/config/schema.ts";
import type { WardenConfig } from "../src/config/schema.ts";
import type { Message } from "../src/domain/message.ts";
import { buildPlanner } from "../src/runtime/index.ts";
import { withPlanPool } from "../src/runtime/plan-pool.ts";
import type { Planner } from "../src/runtime/planner.ts";
import { messageAt } from "./plan.bench.ts";
import { generateRoutes, prng, writeCatalogTree } from "./support/generated-catalog.ts";
import { pathologicalMessages } from "./support/pathological.ts";

const REPO_ROOT = join(import.meta.dirname, "..");
const TARGET_MS = 50;
const THROUGHPUT_MESSAGES = Number(process.env.WARDEN_BENCH_POOL_MESSAGES ?? 10_000);

export async function main(): Promise<void> {
  await worstCase();
  await throughput();
}

async function worstCase(): Promise<void> {
  const planner = await buildPlanner({ root: REPO_ROOT, config: DEFAULT_CONFIG, brainKind: "rule", env: {} });
  const cases = pathologicalMessages();
  for (const c of cases) await planner.plan({ ...c.message, id: `warm-${c.message.id}`, body: `w ${c.message.body.slice(2)}` });
  const timings: { name: string; ms: number; outcome: string }[] = [];
  for (const c of cases) {
    const start = performance.now();
    const plan = await planner.plan(c.message);
    timings.push({ name: c.name, ms: performance.now() - start, outcome: plan.run.map((a) => (a.kind === "escalate" ? `escalate(${a.category})` : a.kind)).join(" ") });
  }
  timings.sort((a, b) => b.ms - a.ms);
  const over = timings.filter((t) => t.ms >= TARGET_MS).length;
  console.log(`pathological 64 KiB messages: ${cases.length} shapes, worst ${timings[0]?.ms.toFixed(1)} ms, median ${timings[Math.floor(timings.length / 2)]?.ms.toFixed(1)} ms, ${over} at or over ${TARGET_MS} ms`);
  console.log("   ms  shape  →  plan");
  for (const t of timings.slice(0, 10)) console.log(`${t.ms.toFixed(1).padStart(6)}  ${t.name}  →  ${t.outcome}`);
}

async function throughput(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), "warden-pool-bench-"));
  try {
    const routes = generateRoutes(1_000, prng(7));
    await writeCatalogTree(root, routes);
    const live = routes.filter((r) => r.status !== "retired");
    const messages = Array.from({ length: THROUGHPUT_MESSAGES }, (_, i) => messageAt(i, live, prng(i)));
    console.log(`\nplan throughput, ${THROUGHPUT_MESSAGES} messages, 1,000-route catalog, ${availableParallelism()} cores`);
    console.log("threads   start-up s   seconds   messages/s   (start-up: until every thread has planned a message)");
    for (const threads of [0, 1, 2]) {
      const config: WardenConfig = { ...DEFAULT_CONFIG, worker: { ...DEFAULT_CONFIG.worker, plan_threads: threads, message_deadline_ms: 30_000, thread_min_bytes: 0 } };
      const inProcess = await buildPlanner({ root, config, brainKind: "rule", env: {} });
      const planner = threads === 0 ? inProcess : withPlanPool(inProcess, { root, config, brainKind: "rule", env: {} });
      const startup = await planAll(planner, messages.slice(0, 16).map((m, i) => ({ ...m, id: `warm-${i}`, thread_id: `warm-${i}` })));
      const seconds = await planAll(planner, messages);
      await planner.close?.();
      console.log(`${String(threads).padStart(7)}  ${startup.toFixed(2).padStart(11)}  ${seconds.toFixed(2).padStart(8)}  ${Math.round(messages.length / seconds).toString().padStart(11)}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** As the tick does: up to `concurrency` plans in flight, taken in order. */
async function planAll(planner: Planner, messages: readonly Message[]): Promise<number> {
  const window = planner.concurrency ?? 1;
  const start = performance.now();
  const inFlight: Promise<unknown>[] = [];
  for (const message of messages) {
    inFlight.push(planner.plan(message));
    if (inFlight.length >= window) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return (performance.now() - start) / 1000;
}
