import type { Route } from "../domain/catalog.ts";
import type { FuzzyWords } from "./route-fuzzy.ts";

/** The route index's data and tunables, shared by the builder, the scorer and the phrase matcher. */
export interface IndexedPhrase {
  text: string;
  /** Term ids, in order. */
  terms: number[];
  /** Its node in the phrase trie: the same for every phrase with the same terms. */
  node: number;
  /** An alias (a vendor or product name, an abbreviation): one word of it is as telling as a phrase. */
  alias: boolean;
}

export interface IndexedRoute {
  route: Route;
  /** The route's term ids, ascending, and the BM25F weight of each (saturated term frequency, 0..1). */
  termIds: Int32Array;
  termWeights: Float32Array;
  /** Match phrases and aliases. */
  phrases: IndexedPhrase[];
  /** Adjacent term pairs of the route's texts (`pairKey`), ascending, for the proximity bonus. */
  pairs: Float64Array;
  /** Grants access to production itself: a candidate only when the question is about production. */
  productionAccess: boolean;
  /** Draft and retired routes rank below an active route that matches as well. */
  statusFactor: number;
}

export interface Postings {
  /** Route numbers, strongest weight first. */
  routes: Int32Array;
  weights: Float32Array;
}

export interface TermInfo {
  id: number;
  term: string;
  idf: number;
  phraseStart: boolean;
  /** A word that says "this is a credential need" (password, token, access, ssh…). */
  credential: boolean;
  /** A word that says "this is about production" (production, live, incident…). */
  production: boolean;
  /** Scratch: the number of the lookup that last counted this term (distinct terms without a Set). */
  seen: number;
  /** Scratch: the term's weight in that lookup's question (idf, adjusted; see route-scoring.ts). */
  weight: number;
  /** Scratch: how often that lookup's question says the term. */
  said: number;
}

export interface IndexData {
  routes: IndexedRoute[];
  /** Every term of the index → what the scorer needs of it: one hash lookup per question word. */
  known: Map<string, TermInfo>;
  /** term id → its info and postings. */
  terms: TermInfo[];
  postings: Postings[];
  /**
   * The phrases as a trie over term ids: `phraseTrie[node]` maps a term id to the child node (the
   * root is 0), so finding phrases costs one small-integer hash lookup per word and stops where no
   * phrase continues.
   */
  phraseTrie: Map<number, number>[];
  /** node → route numbers of the phrases that end there. */
  phraseEnds: Map<number, number[]>;
  /** The catalog's words before stemming, for typo tolerance; built on first use. */
  fuzzy: () => FuzzyWords;
  /** Per-lookup working memory, one slot per route, reset after every lookup (see route-scoring.ts). */
  scratch: LookupScratch;
}

/**
 * Lookups are synchronous and never re-entered, so one set of buffers per index serves them all:
 * a lookup touches a few hundred routes, and Maps and pair arrays for those were most of its
 * allocations (and garbage-collection time).
 */
export interface LookupScratch {
  /** Accumulated score per route while `state` has IN_COVERAGE. */
  coverage: Float64Array;
  /** Bit flags per route: IN_COVERAGE, SCORED. */
  state: Uint8Array;
  /** Counts lookups, for `TermInfo.seen`. */
  lookups: number;
}

/**
 * Index of `value` in the ascending array `sorted`, or -1. A route's terms and pairs are a few
 * dozen numbers in one typed array: searching them touches one or two cache lines, where a Map
 * per route scattered small objects over a large catalog's heap.
 */
export function findSorted(sorted: Int32Array | Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = sorted[mid] ?? 0;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Two term ids as one number: ids stay far below 2^26, so the key is an exact integer. */
const PAIR_SPAN = 2 ** 26;
export function pairKey(a: number, b: number): number {
  return a * PAIR_SPAN + b;
}

/** Tunables, exported so docs and tests can name them instead of repeating numbers. */
export const ROUTE_LOOKUP = {
  /** The hub caps a message body at 64 KiB; longer input is truncated, never scanned whole. */
  maxQuestionChars: 64 * 1024,
  /** Distinct known terms scored per question (the rarest win): bounds the cost of a huge question. */
  maxQueryTerms: 256,
  /** Distinct unknown words per question tried for a typo: bounds the cost of a huge question. */
  maxTypoWords: 32,
  /** Adjacent term pairs per question checked for proximity, among its first `maxPairWords` words. */
  maxQueryPairs: 256,
  maxPairWords: 2048,
  /** Routes whose score is accumulated per question at most, gathered rarest term first. */
  maxCandidates: 128,
  /** Of those, how many (by accumulated score) get an exact score with phrases; at least 2 × top. */
  shortlist: 8,
  /** Postings read per term (its strongest routes): bounds the cost of a common word. */
  postingsPerTerm: 32,
  /** BM25F saturation and length normalisation. */
  k1: 1.2,
  b: 0.5,
  /** Bonus for a match phrase or alias found as written, as a share of its terms' idf. */
  phraseBonus: 1,
  /** An alias found as written: a vendor or product name is the most specific word there is. */
  aliasBonus: 1.6,
  /** Each further phrase of the same route found in the question counts this share of its bonus. */
  furtherPhraseShare: 0.5,
  /** Bonus for a phrase whose words are all present in another order. */
  scatteredPhraseBonus: 0.35,
  /** Bonus per adjacent question word pair that is also adjacent in the route's text. */
  proximityBonus: 0.3,
  /** A word of a sentence that asks ("…?"), in a text that also has other sentences, counts this many times its idf. */
  askedBoost: 2,
  /** A word said n times (n ≤ maxRepeats) counts 1 + repeatBoost × ln n times its idf. */
  repeatBoost: 0.5,
  maxRepeats: 3,
  /** A word corrected for a typo counts this much of the word it was taken for. */
  typoFactor: 0.8,
  /** raw → 0..1: score = 1 − e^(−raw / scoreScale). */
  scoreScale: 6,
  minScore: 0.05,
  /** Confident: the top route scores at least this … */
  confidentScore: 0.45,
  /** … and leads the runner-up by at least this share of its own raw score. */
  confidentMargin: 0.25,
  defaultTop: 5,
} as const;
