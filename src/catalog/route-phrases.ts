import type { IndexData, IndexedRoute, TermInfo } from "./route-model.ts";
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
 * The phrase bonus of a route: its best match phrase or alias, worth the idf of its words when
 * found as written (half for a one-word match phrase: a single word is weak evidence, unless it
 * is an alias, a name), and a smaller share when all its words are present in another order.
 */
export function bestPhrase(data: IndexData, entry: IndexedRoute, contiguous: ReadonlySet<string> | undefined, stamp: number): { bonus: number; text?: string; exact: boolean } {
  let best = 0;
  let text: string | undefined;
  let exact = false;
  for (const phrase of entry.phrases) {
    let mass = 0;
    let present = 0;
    for (const id of phrase.terms) {
      const info = data.terms[id];
      if (!info) continue;
      mass += info.idf;
      if (info.seen === stamp) present += 1;
    }
    const specificity = phrase.terms.length >= 2 || phrase.alias ? 1 : 0.5;
    const found = contiguous?.has(phrase.key) === true;
    const quality = found ? (phrase.alias ? ROUTE_LOOKUP.aliasBonus : ROUTE_LOOKUP.phraseBonus) : present === phrase.terms.length && phrase.terms.length >= 2 ? ROUTE_LOOKUP.scatteredPhraseBonus : 0;
    const bonus = quality * specificity * mass;
    if (bonus > best) {
      best = bonus;
      text = phrase.text;
      exact = found;
    }
  }
  return text === undefined ? { bonus: 0, exact: false } : { bonus: best, text, exact };
}
