import type { IndexData, IndexedRoute, TermInfo } from "./route-model.ts";
import { ROUTE_LOOKUP } from "./route-model.ts";

/**
 * Contiguous phrase hits: only positions where some phrase starts are probed, by hash lookup.
 * `infos[i]` is what the index knows of `tokens[i]` (undefined for a word it does not know).
 */
export function findPhrases(data: IndexData, tokens: readonly string[], infos: readonly (TermInfo | undefined)[]): Map<number, Set<string>> {
  const hits = new Map<number, Set<string>>();
  for (let i = 0; i < tokens.length; i += 1) {
    if (!infos[i]?.phraseStart) continue;
    let key = "";
    for (let len = 1; len <= data.maxPhraseTerms && i + len <= tokens.length; len += 1) {
      key = len === 1 ? (tokens[i] ?? "") : `${key} ${tokens[i + len - 1] ?? ""}`;
      const routes = data.phrases.get(key);
      if (!routes) continue;
      for (const n of routes) {
        const keys = hits.get(n);
        if (keys) keys.add(key);
        else hits.set(n, new Set([key]));
      }
    }
  }
  return hits;
}

/**
 * 1 for a phrase found as written; a phrase whose words are all present in another order earns
 * `scatteredPhrase`, and one with at least two of its words present earns that times the square
 * of the share present. One-word phrases count half: a single word is weak evidence.
 */
export function bestPhrase(entry: IndexedRoute, contiguous: ReadonlySet<string> | undefined, termSet: ReadonlySet<string>): { score: number; text?: string } {
  let bestScore = 0;
  let bestText: string | undefined;
  for (const phrase of entry.phrases) {
    const specificity = phrase.terms.length >= 2 ? 1 : 0.5;
    let quality = 0;
    if (contiguous?.has(phrase.key)) {
      quality = 1;
    } else {
      let present = 0;
      for (const t of phrase.terms) if (termSet.has(t)) present += 1;
      const share = present / phrase.terms.length;
      if (present >= 2 || share === 1) quality = ROUTE_LOOKUP.scatteredPhrase * share * share;
    }
    const score = quality * specificity;
    if (score > bestScore) {
      bestScore = score;
      bestText = phrase.text;
    }
  }
  return bestText === undefined ? { score: 0 } : { score: bestScore, text: bestText };
}
