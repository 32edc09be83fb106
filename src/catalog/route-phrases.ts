import type { IndexData, IndexedPhrase, IndexedRoute, TermInfo } from "./route-model.ts";
import { ROUTE_LOOKUP } from "./route-model.ts";

/**
 * Contiguous phrase hits: only positions where some phrase starts are probed, by hash lookup.
 * `infos[i]` is what the index knows of the question's i-th term (undefined for an unknown word).
 */
export function findPhrases(data: IndexData, infos: readonly (TermInfo | undefined)[]): Map<number, Set<string>> {
  const hits = new Map<number, Set<string>>();
  for (let i = 0; i < infos.length; i += 1) {
    if (!infos[i]?.phraseStart) continue;
    let key = "";
    for (let len = 1; len <= data.maxPhraseTerms && i + len <= infos.length; len += 1) {
      const info = infos[i + len - 1];
      if (!info) break;
      key = len === 1 ? info.term : `${key} ${info.term}`;
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
 * The phrase bonus of a route: each match phrase or alias is worth the idf of its words when
 * found as written (half for a one-word match phrase: a single word is weak evidence, unless it
 * is an alias, a name), and a smaller share when all its words are present in another order.
 * The best phrase counts fully; a further one counts `furtherPhraseShare` of the idf of the
 * words no better phrase already covered (an alias inside a longer phrase adds nothing).
 */
export function phraseBonus(data: IndexData, entry: IndexedRoute, contiguous: ReadonlySet<string> | undefined, stamp: number): { bonus: number; text?: string; exact: boolean } {
  const hits: { phrase: IndexedPhrase; quality: number; bonus: number; found: boolean }[] = [];
  for (const phrase of entry.phrases) {
    let mass = 0;
    let present = 0;
    for (const id of phrase.terms) {
      const info = data.terms[id];
      if (!info) continue;
      // A phrase is worth what its words weigh in this question (a context sentence's less).
      if (info.seen === stamp) {
        present += 1;
        mass += info.weight;
      } else {
        mass += info.idf;
      }
    }
    const specificity = phrase.terms.length >= 2 || phrase.alias ? 1 : 0.5;
    const found = contiguous?.has(phrase.key) === true;
    const quality = (found ? (phrase.alias ? ROUTE_LOOKUP.aliasBonus : ROUTE_LOOKUP.phraseBonus) : present === phrase.terms.length && phrase.terms.length >= 2 ? ROUTE_LOOKUP.scatteredPhraseBonus : 0) * specificity;
    if (quality > 0) hits.push({ phrase, quality, bonus: quality * mass, found });
  }
  if (hits.length === 0) return { bonus: 0, exact: false };
  hits.sort((a, b) => b.bonus - a.bonus);
  const best = hits[0] as (typeof hits)[number];
  const covered = new Set(best.phrase.terms);
  let total = best.bonus;
  for (const hit of hits.slice(1)) {
    for (const id of hit.phrase.terms) {
      if (covered.has(id)) continue;
      covered.add(id);
      const info = data.terms[id];
      total += ROUTE_LOOKUP.furtherPhraseShare * hit.quality * (info?.seen === stamp ? info.weight : (info?.idf ?? 0));
    }
  }
  return { bonus: total, text: best.phrase.text, exact: best.found };
}
