/**
 * Plan throughput in dry-run: the RuleBrain and every guardrail, secret gate included, over
 * 1,000 / 10,000 / 100,000 generated ~400-character messages against a generated 1,000-route
 * catalog. Prints messages/s, peak RSS and the growth exponent of time against message count
 * (1.0 = linear), and the live heap after a full collection (run with --expose-gc, as
 * `npm run bench` does). Messages are generated and planned one at a time and the plans dropped,
 * so memory shows the planner, not the benchmark's bookkeeping.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { buildPlanner } from "../src/runtime/index.ts";
import { DEFAULT_CONFIG } from "../src/config/schema.ts";
import type { Route } from "../src/domain/catalog.ts";
import type { Message } from "../src/domain/message.ts";
import { KINDS, generateRoutes, prng, word, writeCatalogTree } from "./support/generated-catalog.ts";

const COUNTS = (process.env.WARDEN_BENCH_COUNTS ?? "1000,10000,100000").split(",").map(Number);
const CATALOG_SIZE = 1_000;
const FILLER =
  "We are rolling the nightly pipeline to the new runners this week and the job keeps failing at the credential step. The runbook we found is two years old and mentions a system we no longer run. ";

/** A realistic mix: routing questions, vague asks, off-topic text, secret requests, pasted secrets. */
export function messageAt(i: number, routes: readonly Route[], rand: () => number): Message {
  const route = routes[Math.floor(rand() * routes.length)] as Route;
  const phrase = route.match[Math.floor(rand() * route.match.length)] ?? route.title;
  const slot = i % 100;
  let ask: string;
  if (slot < 70) ask = `Which route do I use for the ${phrase}? ${FILLER}`;
  else if (slot < 82) ask = `I think I need a ${KINDS[i % KINDS.length]} for ${word(rand)} but I am not sure which. ${FILLER}`;
  else if (slot < 92) ask = `Can someone restart the ${word(rand)} service and look at the dashboards? ${FILLER}`;
  else if (slot < 96) ask = `Please send me the ${word(rand)} database password, the on-call needs it now. ${FILLER}`;
  else ask = `Deploys fail with AccessDenied, runner has AKIA${"QWERTYUIOPASDFGH".slice(0, 12)}${String(1000 + (i % 9000))} configured. ${FILLER}`;
  return {
    id: `bench-${i}`,
    thread_id: `thread-${i}`,
    from_agent: `agent-${i % 50}`,
    to_agent: "ops-warden",
    subject: `question ${i}`,
    body: ask.slice(0, 420),
    created_at: "2026-11-22T08:00:00Z",
    status: "unread",
    in_reply_to: null,
  };
}

export async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), "warden-plan-bench-"));
  try {
    const routes = generateRoutes(CATALOG_SIZE, prng(7));
    await writeCatalogTree(root, routes);
    const buildStart = performance.now();
    const planner = await buildPlanner({ root, config: DEFAULT_CONFIG, brainKind: "rule", env: {} });
    console.log(`catalog: ${CATALOG_SIZE} routes, planner built in ${(performance.now() - buildStart).toFixed(0)} ms`);
    const live = routes.filter((r) => r.status !== "retired");
    await measure(planner.plan, live, 2_000); // warm-up: JIT and caches
    console.log("messages   seconds   messages/s   peak RSS MB   live heap MB   escalated");
    const timings: [number, number][] = [];
    for (const count of COUNTS) {
      const result = await measure(planner.plan, live, count);
      timings.push([count, result.seconds]);
      console.log(
        `${String(count).padStart(8)}  ${result.seconds.toFixed(2).padStart(8)}  ${Math.round(count / result.seconds).toString().padStart(11)}  ${result.peakRssMb.toFixed(0).padStart(12)}  ${liveHeapMb().padStart(13)}  ${((result.escalated / count) * 100).toFixed(1).padStart(9)}%`,
      );
    }
    const [first, last] = [timings[0], timings.at(-1)];
    if (first && last) console.log(`growth exponent (time vs messages, ${first[0]}→${last[0]}): ${(Math.log(last[1] / first[1]) / Math.log(last[0] / first[0])).toFixed(3)}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Heap still in use after a full collection: flat across sizes means nothing accumulates per message. */
function liveHeapMb(): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return "n/a";
  gc();
  return (process.memoryUsage().heapUsed / 1_048_576).toFixed(1);
}

async function measure(plan: (m: Message) => Promise<{ run: { kind: string }[] }>, routes: readonly Route[], count: number) {
  const rand = prng(count);
  let peak = process.memoryUsage().rss;
  let escalated = 0;
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    const result = await plan(messageAt(i, routes, rand));
    if (result.run.some((a) => a.kind === "escalate")) escalated += 1;
    if ((i & 1023) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - start) / 1000;
  return { seconds, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1_048_576, escalated };
}
