/**
 * Scores a router on a labelled question set: top-1 and top-3 over the in-scope questions,
 * confidently wrong (a confident answer that is not the label, out-of-scope questions included),
 * and out-of-scope questions abstained (no confident answer).
 */
import type { LabelledQuestion } from "../../test/fixtures/routing/questions.ts";

export interface RankedAnswer {
  ids: string[];
  /** undefined: the ranker has no notion of confidence (it "abstains" only by returning nothing). */
  confident: boolean | undefined;
}

export interface QualityFigures {
  inScope: number;
  top1: number;
  top3: number;
  confidentlyWrong: number;
  outOfScope: number;
  abstained: number;
  misses: { q: string; want: string | null; got: string[]; confident: boolean | undefined }[];
}

export function evaluate(questions: readonly LabelledQuestion[], rank: (q: string) => RankedAnswer): QualityFigures {
  const figures: QualityFigures = { inScope: 0, top1: 0, top3: 0, confidentlyWrong: 0, outOfScope: 0, abstained: 0, misses: [] };
  for (const { q, route } of questions) {
    const answer = rank(q);
    const first = answer.ids[0];
    const abstains = answer.confident === undefined ? first === undefined : !answer.confident;
    if (route === null) {
      figures.outOfScope += 1;
      if (abstains) figures.abstained += 1;
      else figures.misses.push({ q, want: null, got: answer.ids.slice(0, 3), confident: answer.confident });
      if (answer.confident === true) figures.confidentlyWrong += 1;
      continue;
    }
    figures.inScope += 1;
    if (first === route) figures.top1 += 1;
    else figures.misses.push({ q, want: route, got: answer.ids.slice(0, 3), confident: answer.confident });
    if (answer.ids.slice(0, 3).includes(route)) figures.top3 += 1;
    if (answer.confident === true && first !== route) figures.confidentlyWrong += 1;
  }
  return figures;
}

export function percent(n: number, of: number): string {
  return of === 0 ? "n/a" : `${((100 * n) / of).toFixed(1)} %`;
}
