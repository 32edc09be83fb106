import type { IndexData, IndexedRoute } from "./route-model.ts";
import { ROUTE_LOOKUP } from "./route-model.ts";

/** Contiguous phrase hits: only positions where some phrase starts are probed, by hash lookup. */
export function findPhrases(data: IndexData, tokens: readonly string[]): Map<number, Set<string>> {
  const hits = new Map<number, Set<string>>();
  for (let i = 0; i < tokens.length; i += 1) {
    if (!data.phraseStarts.has(tokens[i] ?? "")) continue;
    let key = "";
    for (let len = 1; len <= data.maxPhraseTerms && i + len <= tokens.length; len += 1) {
      key = len === 1 ? (tokens[i] ?? "") : `${key} ${tokens[i + len - 1] ?? ""}`;
      for (const n of data.phrases.get(key) ?? []) {
        const keys = hits.get(n) ?? new Set<string>();
        keys.add(key);
        hits.set(n, keys);
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
  let best: { score: number; text?: string } = { score: 0 };
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
    if (score > best.score) best = { score, text: phrase.text };
  }
  return best;
}
