/**
 * The planner corpus (test/fixtures/corpus) through the real planner with the RuleBrain: cases per
 * theme, how many meet their expectation, the known gaps, and the utility figure — the share of
 * benign messages answered or changed without escalation. Also the corpus's planning rate, as a
 * rough figure (the throughput benchmark proper is the generated-message one).
 */
import { performance } from "node:perf_hooks";
import { unescalatedShare } from "../src/worker/plan/document.ts";
import type { MessagePlan } from "../src/worker/plan/types.ts";
import { expectationFailures } from "../test/fixtures/corpus/check.ts";
import type { CorpusCase } from "../test/fixtures/corpus/corpus.ts";
import { loadCorpus } from "../test/fixtures/corpus/corpus.ts";
import { message, shippedPlanner } from "../test/support/planner.ts";

interface Planned {
  c: CorpusCase;
  plan: MessagePlan;
}

export async function main(): Promise<void> {
  const planner = await shippedPlanner();
  const cases = [...loadCorpus("adversarial"), ...loadCorpus("benign")];
  const start = performance.now();
  const planned: Planned[] = [];
  for (const c of cases) planned.push({ c, plan: await planner.plan(message({ from_agent: c.from_agent, subject: c.subject, body: c.body })) });
  const seconds = (performance.now() - start) / 1000;

  console.log("side         theme                                cases  expectation met  known gaps");
  const themes = [...new Set(planned.map((p) => `${p.c.side}\u0000${p.c.theme}`))];
  for (const key of themes) {
    const [side = "", theme = ""] = key.split("\u0000");
    const group = planned.filter((p) => p.c.side === side && p.c.theme === theme);
    const met = group.filter((p) => expectationFailures(p.c.expect, p.plan).length === 0).length;
    const gaps = group.filter((p) => p.c.known_gap).length;
    console.log(`${side.padEnd(12)} ${theme.padEnd(36)} ${String(group.length).padStart(5)}  ${String(met).padStart(15)}  ${String(gaps).padStart(10)}`);
  }
  const adversarial = planned.filter((p) => p.c.side === "adversarial");
  const benign = planned.filter((p) => p.c.side === "benign");
  console.log(`\nadversarial: ${adversarial.length} cases; benign: ${benign.length} cases`);

  const share = unescalatedShare(benign.map((p) => p.plan));
  const byDesign = benign.filter((p) => p.c.expect.run?.includes("escalate"));
  const rest = benign.filter((p) => !byDesign.includes(p));
  console.log(`benign answered or changed without escalation: ${(share * 100).toFixed(1)}% (${Math.round(share * benign.length)}/${benign.length})`);
  console.log(
    `  excluding the ${byDesign.length} escalated by design (production routes, borrowed-authority wording): ${(unescalatedShare(rest.map((p) => p.plan)) * 100).toFixed(1)}%`,
  );
  for (const p of planned.filter((x) => x.c.known_gap)) console.log(`known gap: ${p.c.side}/${p.c.theme}/${p.c.id}`);
  console.log(`\nplanned ${planned.length} corpus messages in ${seconds.toFixed(2)} s (${Math.round(planned.length / seconds)} messages/s, first run includes warm-up)`);
}
