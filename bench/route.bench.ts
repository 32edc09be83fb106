/**
 * Route lookups per second for generated catalogs of 100, 1,000 and 10,000 routes, and the time
 * to build each index. Lookup cost should stay near-flat as the catalog grows: it follows the
 * postings of the question's terms (capped), not the number of routes.
 */
import { performance } from "node:perf_hooks";
import { buildRouteIndex } from "../src/catalog/route-index.ts";
import type { Route } from "../src/domain/catalog.ts";
import { KINDS, generateRoutes, prng } from "./support/generated-catalog.ts";

const SIZES = [100, 1_000, 10_000];
const ROUNDS = 5;
const ROUND_MS = 150;

type Kind = "phrase" | "generic" | "stray" | "nonsense";
const KIND_NAMES: Kind[] = ["phrase", "generic", "stray", "nonsense"];

/**
 * Four kinds of question: a route's phrase inside chatter; a generic ask made of common words;
 * stray catalog words that match no phrase (many weak candidates); words the catalog never saw.
 */
function questions(routes: readonly Route[], rand: () => number): Record<Kind, string[]> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const many = (make: () => string): string[] => Array.from({ length: 300 }, make);
  const catalogWord = (): string => pick(pick(pick(routes).match).split(" ").filter((w) => !/^\d+$/.test(w)));
  return {
    phrase: many(() => `Hi team! How do I get the ${pick(pick(routes).match)} for our deploy?`),
    generic: many(() => `hello, I think I need a ${pick(KINDS)} but I am not sure which one, please help`),
    stray: many(() => `is ${catalogWord()} related to ${catalogWord()} at all?`),
    nonsense: many(() => `purple elephants juggle ${Math.floor(rand() * 1e6)} bananas on tuesday`),
  };
}

/**
 * Median microseconds of CPU time (user + system) per call over a few rounds, after a warm-up
 * round (JIT, caches). CPU time, not wall time: on a shared machine the wait for a core is not
 * the lookup's cost, and it swamped the figures (10× swings under load).
 */
function microseconds(list: readonly string[], lookup: (q: string) => void): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round += 1) {
    let count = 0;
    const wall = performance.now();
    const cpu = process.cpuUsage();
    while (performance.now() - wall < ROUND_MS) {
      lookup(list[count % list.length] ?? "");
      count += 1;
    }
    const used = process.cpuUsage(cpu);
    if (round > 0) rounds.push((used.user + used.system) / count);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(rounds.length / 2)] ?? Number.NaN;
}

export async function main(): Promise<void> {
  const rand = prng(42);
  const longQuestion = `${"our deploy pipeline logs say the build failed again ".repeat(1300)} I need ssh access`.slice(-64 * 1024);
  // Warm the JIT on a throw-away catalog first, so the first row does not pay for compiling.
  const warm = buildRouteIndex(generateRoutes(SIZES[0] ?? 100, prng(7)));
  const warmQuestions = questions(generateRoutes(SIZES[0] ?? 100, prng(7)), prng(8));
  for (const kind of KIND_NAMES) microseconds(warmQuestions[kind], (q) => void warm.lookup(q));
  microseconds([longQuestion], (q) => void warm.lookup(q));
  console.log("median CPU µs per lookup by kind of question; lookups per CPU second for an even mix of the four");
  console.log("routes  build ms  phrase µs  generic µs  stray µs  nonsense µs  mixed lookups/s  64 KiB question µs");
  for (const size of SIZES) {
    const routes = generateRoutes(size, rand);
    const buildStart = performance.now();
    const index = buildRouteIndex(routes);
    const buildMs = performance.now() - buildStart;
    const qs = questions(routes, rand);
    const lookup = (q: string): void => void index.lookup(q);
    const perKind = KIND_NAMES.map((kind) => microseconds(qs[kind], lookup));
    const perSecond = (KIND_NAMES.length * 1_000_000) / perKind.reduce((a, b) => a + b, 0);
    const long = microseconds([longQuestion], lookup);
    const cells = [size, buildMs.toFixed(1), ...perKind.map((us) => us.toFixed(1)), Math.round(perSecond), long.toFixed(0)];
    const widths = [6, 8, 9, 10, 8, 11, 15, 18];
    console.log(cells.map((c, i) => String(c).padStart(widths[i] ?? 8)).join("  "));
  }
  await Promise.resolve();
}
