/**
 * Routing quality on the labelled question set (test/fixtures/routing/questions.yaml): top-1,
 * top-3, confidently wrong and out-of-scope abstained, for the route index and for a plain BM25
 * baseline over title + summary + match + examples, on the tuning part and on the held-out part.
 * `--misses` (or ROUTING_MISSES=1) also lists every miss.
 */
import { buildRouteIndex, readCatalogFiles, validateCatalogFiles } from "../src/catalog/index.ts";
import type { SecretScanner } from "../src/domain/secrets.ts";
import { loadQuestionSet } from "../test/fixtures/routing/questions.ts";
import { bm25Baseline } from "./support/bm25-baseline.ts";
import type { QualityFigures, RankedAnswer } from "./support/routing-eval.ts";
import { evaluate, percent } from "./support/routing-eval.ts";

/** The shipped catalog holds no secrets; the bench measures routing, not scanning. */
const NO_SECRETS: SecretScanner = { scan: () => Promise.resolve([]) };

function row(name: string, part: string, f: QualityFigures): string {
  const cells = [
    name.padEnd(8),
    part.padEnd(8),
    `${f.top1}/${f.inScope} (${percent(f.top1, f.inScope)})`.padEnd(18),
    `${f.top3}/${f.inScope}`.padEnd(9),
    String(f.confidentlyWrong).padEnd(18),
    `${f.abstained}/${f.outOfScope}`,
  ];
  return cells.join("  ");
}

export async function main(): Promise<void> {
  // Validation errors (an example that no longer routes) are reported, not fatal: they are figures too.
  const { catalog, problems } = await validateCatalogFiles(await readCatalogFiles(process.cwd()), { scanner: NO_SECRETS });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) console.log(`catalog validate: ${errors.length} error(s), e.g. ${errors[0]?.message ?? ""}`);
  const index = buildRouteIndex(catalog.routes, catalog.playbooks, catalog.owners);
  const baseline = bm25Baseline(catalog.routes);
  const rankers: [string, (q: string) => RankedAnswer][] = [
    ["router", (q) => {
      const a = index.lookup(q, { top: 3 });
      return { ids: a.matches.map((m) => m.route.id), confident: a.confident };
    }],
    ["bm25", (q) => ({ ids: baseline(q).slice(0, 3), confident: undefined })],
  ];
  const set = loadQuestionSet();
  const parts: [string, typeof set.tune][] = [["tune", set.tune], ["holdout", set.holdout], ["all", [...set.tune, ...set.holdout]]];
  const showMisses = process.argv.includes("--misses") || process.env["ROUTING_MISSES"] === "1";
  console.log(`${set.tune.length + set.holdout.length} questions (${set.tune.length} tune, ${set.holdout.length} held out)`);
  console.log("ranker    part      top-1               top-3      confidently wrong   out of scope abstained");
  for (const [name, rank] of rankers) {
    for (const [part, questions] of parts) {
      const figures = evaluate(questions, rank);
      console.log(row(name, part, figures));
      if (showMisses && name === "router" && part !== "all") {
        for (const m of figures.misses) console.log(`    miss: ${JSON.stringify(m.q)} want ${m.want ?? "(out of scope)"} got ${m.got.join(", ") || "-"}${m.confident ? " CONFIDENT" : ""}`);
      }
    }
  }
}
