import type { IndexData, IndexedPhrase, IndexedRoute, TermInfo } from "./route-model.ts";
import { ROUTE_LOOKUP } from "./route-model.ts";

/**
 * Contiguous phrase hits, route number → trie nodes of the phrases found: from each word that
 * starts some phrase, the trie is walked word by word until no phrase continues. `infos[i]` is
 * what the index knows of the question's i-th term (undefined for an unknown word).
 */
export function findPhrases(data: IndexData, infos: readonly (TermInfo | undefined)[]): Map<number, Set<number>> {
  const hits = new Map<number, Set<number>>();
  for (let i = 0; i < infos.length; i += 1) {
    if (!infos[i]?.phraseStart) continue;
    let node = 0;
    for (let j = i; j < infos.length; j += 1) {
      const info = infos[j];
      const next = info ? data.phraseTrie[node]?.get(info.id) : undefined;
      if (next === undefined) break;
      node = next;
      for (const n of data.phraseEnds.get(node) ?? []) {
        const nodes = hits.get(n);
        if (nodes) nodes.add(node);
        else hits.set(n, new Set([node]));
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
export function phraseBonus(data: IndexData, entry: IndexedRoute, contiguous: ReadonlySet<number> | undefined, stamp: number): { bonus: number; text?: string; exact: boolean } {
  let best: Hit | undefined;
  let others: Hit[] | undefined;
  for (const phrase of entry.phrases) {
    const hit = scorePhrase(data, phrase, contiguous, stamp);
    if (!hit) continue;
    if (!best) best = hit;
    else if (hit.bonus > best.bonus) {
      (others ??= []).push(best);
      best = hit;
    } else (others ??= []).push(hit);
  }
  if (!best) return { bonus: 0, exact: false };
  let total = best.bonus;
  if (others) {
    const covered = new Set(best.phrase.terms);
    for (const hit of others.sort((a, b) => b.bonus - a.bonus)) {
      for (const id of hit.phrase.terms) {
        if (covered.has(id)) continue;
        covered.add(id);
        const info = data.terms[id];
        total += ROUTE_LOOKUP.furtherPhraseShare * hit.quality * (info?.seen === stamp ? info.weight : (info?.idf ?? 0));
      }
    }
  }
  return { bonus: total, text: best.phrase.text, exact: best.found };
}

interface Hit {
  phrase: IndexedPhrase;
  quality: number;
  bonus: number;
  found: boolean;
}

function scorePhrase(data: IndexData, phrase: IndexedPhrase, contiguous: ReadonlySet<number> | undefined, stamp: number): Hit | undefined {
  const found = contiguous?.has(phrase.node) === true;
  // Not found as written: it counts only with all of two or more words present, so the first
  // absent word ends the look (most phrases of most routes).
  if (!found && phrase.terms.length < 2) return undefined;
  let mass = 0;
  for (const id of phrase.terms) {
    const info = data.terms[id];
    if (!info) continue;
    // A phrase is worth what its words weigh in this question (a context sentence's less).
    if (info.seen === stamp) mass += info.weight;
    else if (found) mass += info.idf;
    else return undefined;
  }
  const specificity = phrase.terms.length >= 2 || phrase.alias ? 1 : 0.5;
  const quality = (found ? (phrase.alias ? ROUTE_LOOKUP.aliasBonus : ROUTE_LOOKUP.phraseBonus) : ROUTE_LOOKUP.scatteredPhraseBonus) * specificity;
  return { phrase, quality, bonus: quality * mass, found };
}
