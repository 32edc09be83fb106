import type { Route } from "../domain/catalog.ts";

/** The route index's data and tunables, shared by the builder, the scorer and the phrase matcher. */
export interface IndexedRoute {
  route: Route;
  /** term → strongest field weight (0..1) the route has it in. */
  terms: Map<string, number>;
  phrases: { text: string; terms: string[]; key: string }[];
}

export interface Postings {
  routes: Int32Array;
  weights: Float32Array;
}

export interface IndexData {
  routes: IndexedRoute[];
  /** term → routes holding it, strongest field first, with that field's weight. */
  postings: Map<string, Postings>;
  idf: Map<string, number>;
  /** normalised phrase → route numbers. */
  phrases: Map<string, number[]>;
  phraseStarts: Set<string>;
  maxPhraseTerms: number;
  /** What a word the catalog has never seen costs the coverage: a question about
   * something else must not look like a perfect match on its one shared word. */
  unknownIdf: number;
  /** Per-lookup working memory, one slot per route, reset after every lookup (see route-scoring.ts). */
  scratch: LookupScratch;
  /** Every term of the index → its idf and whether a phrase starts with it: one hash lookup per question word. */
  known: Map<string, TermInfo>;
}

export interface TermInfo {
  term: string;
  idf: number;
  phraseStart: boolean;
  /** Scratch: the number of the lookup that last counted this term (distinct terms without a Set). */
  seen: number;
}

/**
 * Lookups are synchronous and never re-entered, so one set of buffers per index serves them all:
 * a lookup touches a few hundred routes, and Maps and pair arrays for those were most of its
 * allocations (and garbage-collection time).
 */
export interface LookupScratch {
  /** Accumulated idf × weight per route while `state` has IN_COVERAGE. */
  coverage: Float64Array;
  /** Bit flags per route: IN_COVERAGE, SCORED. */
  state: Uint8Array;
  /** Counts lookups, for `TermInfo.seen`. */
  lookups: number;
}

/** Tunables, exported so docs and tests can name them instead of repeating numbers. */
export const ROUTE_LOOKUP = {
  /** The hub caps a message body at 64 KiB; longer input is truncated, never scanned whole. */
  maxQuestionChars: 64 * 1024,
  /** Distinct known terms scored per question (the rarest win): bounds the cost of a huge question. */
  maxQueryTerms: 256,
  /** Routes whose coverage is accumulated per question at most, gathered rarest term first. */
  maxCandidates: 256,
  /** Of those, how many (by coverage) get an exact score with phrases; at least 2 × top. */
  shortlist: 32,
  /** Postings read per term (its strongest routes): bounds the cost of a common word. */
  postingsPerTerm: 64,
  /** Share of the score from the best match-phrase hit; the rest is idf-weighted coverage. */
  phraseWeight: 0.55,
  /** A phrase whose words are all present but not in order. */
  scatteredPhrase: 0.7,
  minScore: 0.05,
  confidentScore: 0.5,
  confidentLead: 0.15,
  defaultTop: 5,
} as const;
