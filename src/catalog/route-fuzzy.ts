import { distance } from "fastest-levenshtein";

/**
 * Typo tolerance: the catalog's words before stemming, keyed by themselves and by every
 * one-letter deletion of themselves (a symmetric-delete index). A misspelt word's own deletions
 * meet a catalog word's deletions when the two differ by one edit on each side at most (a
 * dropped, doubled, swapped or wrong letter), so finding candidates costs about the word's
 * length in hash lookups, whatever the size of the catalog. `fastest-levenshtein` then confirms.
 */
export interface FuzzyWords {
  /** word or one-letter deletion of it → catalog words. */
  deletions: Map<string, string[]>;
  /** catalog word → its term. */
  terms: Map<string, string>;
  /** Questions repeat their words: corrections already made (bounded: questions are untrusted). */
  memo: Map<string, string | null>;
}

const MEMO_LIMIT = 10_000;

/** Words shorter than this are never corrected: "rule" is not a typo for "role". */
const MIN_LENGTH = 4;
/** Nor longer than this: no catalog word is, and a 64 KiB "word" must cost nothing. */
export const MAX_WORD_LENGTH = 40;

export function buildFuzzyWords(words: ReadonlyMap<string, string>): FuzzyWords {
  const deletions = new Map<string, string[]>();
  const add = (key: string, word: string): void => {
    const list = deletions.get(key);
    if (!list) deletions.set(key, [word]);
    else if (list[list.length - 1] !== word) list.push(word);
  };
  for (const word of words.keys()) {
    if (word.length < MIN_LENGTH - 1 || /^\d+$/.test(word)) continue;
    add(word, word);
    for (const d of oneDeletions(word)) add(d, word);
  }
  return { deletions, terms: new Map(words), memo: new Map() };
}

/**
 * The catalog term `word` is most likely a typo of, or undefined. A four- or five-letter word
 * may only have gained or lost a letter ("tokn", "awss", "lamda"); longer words may be one edit
 * away, or two when it is a swap of neighbours ("credentails"). Ties go to the alphabetically
 * first word, so a lookup is deterministic.
 */
export function correctTypo(fuzzy: FuzzyWords, word: string): string | undefined {
  if (word.length < MIN_LENGTH || word.length > MAX_WORD_LENGTH || /\d/.test(word)) return undefined;
  const known = fuzzy.memo.get(word);
  if (known !== undefined) return known ?? undefined;
  const term = closestWord(fuzzy, word);
  if (fuzzy.memo.size >= MEMO_LIMIT) fuzzy.memo.clear();
  fuzzy.memo.set(word, term ?? null);
  return term;
}

function closestWord(fuzzy: FuzzyWords, word: string): string | undefined {
  const candidates = new Set<string>();
  for (const key of [word, ...oneDeletions(word)]) for (const w of fuzzy.deletions.get(key) ?? []) candidates.add(w);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (!allowed(word, candidate, d)) continue;
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? undefined : fuzzy.terms.get(best);
}

function allowed(word: string, candidate: string, d: number): boolean {
  if (d === 0) return false;
  if (word.length <= 5) return d === 1 && word.length !== candidate.length;
  if (d === 1) return true;
  return d === 2 && word.length === candidate.length && isSwap(word, candidate);
}

/** Two neighbouring letters swapped, the rest equal. */
function isSwap(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function oneDeletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
