import type { Route, RouteAnswer, RouteMatch } from "../domain/catalog.ts";
import { analyze } from "./analyze.ts";

export interface IndexedRoute {
  route: Route;
  /** term → strongest field weight (0..1) the route has it in. */
  terms: Map<string, number>;
  phrases: { text: string; terms: string[]; key: string }[];
}

export interface IndexData {
  routes: IndexedRoute[];
  /** term → route numbers, strongest field first. */
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  /** normalised phrase → route numbers. */
  phrases: Map<string, number[]>;
  phraseStarts: Set<string>;
  maxPhraseTerms: number;
  /** What a word the catalog has never seen costs the coverage: a question about
   * something else must not look like a perfect match on its one shared word. */
  unknownIdf: number;
}

/** Tunables, exported so docs and tests can name them instead of repeating numbers. */
export const ROUTE_LOOKUP = {
  /** The hub caps a message body at 64 KiB; longer input is truncated, never scanned whole. */
  maxQuestionChars: 64 * 1024,
  /** Distinct known terms scored per question (the rarest win): bounds the cost of a huge question. */
  maxQueryTerms: 256,
  /** Routes scored per question, gathered rarest term first. */
  maxCandidates: 256,
  /** Share of the score from the best match-phrase hit; the rest is idf-weighted coverage. */
  phraseWeight: 0.55,
  /** A phrase whose words are all present but not in order. */
  scatteredPhrase: 0.7,
  minScore: 0.05,
  confidentScore: 0.5,
  confidentLead: 0.15,
  defaultTop: 5,
} as const;

const STATUS_FACTOR: Record<Route["status"], number> = { active: 1, draft: 0.85, retired: 0.5 };
const STATUS_ORDER: Record<Route["status"], number> = { active: 0, draft: 1, retired: 2 };

export function lookupRoutes(data: IndexData, question: string, top: number = ROUTE_LOOKUP.defaultTop): RouteAnswer {
  const tokens = analyze(question.slice(0, ROUTE_LOOKUP.maxQuestionChars));
  const distinct = [...new Set(tokens)];
  const known = distinct.filter((t) => data.postings.has(t));
  const idf = (t: string): number => data.idf.get(t) ?? 0;
  const total = known.reduce((sum, t) => sum + idf(t), 0) + (distinct.length - known.length) * data.unknownIdf;
  if (known.length === 0 || total === 0) return { confident: false, matches: [] };

  const scored = known.sort((a, b) => idf(b) - idf(a) || a.localeCompare(b)).slice(0, ROUTE_LOOKUP.maxQueryTerms);
  const querySet = new Set(scored);
  const phraseHits = findPhrases(data, tokens);
  const candidates = gatherCandidates(data, scored, phraseHits);

  const matches: RouteMatch[] = [];
  for (const n of candidates) {
    const entry = data.routes[n];
    if (!entry) continue;
    const matched: string[] = [];
    let explained = 0;
    for (const term of scored) {
      const weight = entry.terms.get(term);
      if (weight === undefined) continue;
      explained += idf(term) * weight;
      matched.push(term);
    }
    const phrase = bestPhrase(entry, phraseHits.get(n), querySet);
    if (phrase.text && phrase.score >= ROUTE_LOOKUP.scatteredPhrase) matched.unshift(`"${phrase.text}"`);
    const raw = ROUTE_LOOKUP.phraseWeight * phrase.score + (1 - ROUTE_LOOKUP.phraseWeight) * (explained / total);
    const score = Math.min(1, raw * STATUS_FACTOR[entry.route.status]);
    if (score >= ROUTE_LOOKUP.minScore) matches.push({ route: entry.route, score, matched });
  }
  matches.sort(byRank);
  return { confident: isConfident(matches), matches: matches.slice(0, Math.max(1, top)) };
}

function byRank(a: RouteMatch, b: RouteMatch): number {
  return b.score - a.score || STATUS_ORDER[a.route.status] - STATUS_ORDER[b.route.status] || a.route.id.localeCompare(b.route.id);
}

/** Clears the bar and is clearly ahead of the runner-up; a retired route never counts. */
function isConfident(ranked: readonly RouteMatch[]): boolean {
  const [first, second] = ranked;
  if (!first || first.route.status === "retired" || first.score < ROUTE_LOOKUP.confidentScore) return false;
  return !second || first.score - second.score >= ROUTE_LOOKUP.confidentLead;
}

/** Contiguous phrase hits: only positions where some phrase starts are probed, by hash lookup. */
function findPhrases(data: IndexData, tokens: readonly string[]): Map<number, Set<string>> {
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

function gatherCandidates(data: IndexData, rarestFirst: readonly string[], phraseHits: ReadonlyMap<number, unknown>): Set<number> {
  const candidates = new Set<number>(phraseHits.keys());
  for (const term of rarestFirst) {
    for (const n of data.postings.get(term) ?? []) {
      if (candidates.size >= ROUTE_LOOKUP.maxCandidates) return candidates;
      candidates.add(n);
    }
  }
  return candidates;
}

/**
 * 1 for a phrase found as written; a phrase whose words are all present in another order earns
 * `scatteredPhrase`, and one with at least two of its words present earns that times the square
 * of the share present. One-word phrases count half: a single word is weak evidence.
 */
function bestPhrase(entry: IndexedRoute, contiguous: ReadonlySet<string> | undefined, querySet: ReadonlySet<string>): { score: number; text?: string } {
  let best: { score: number; text?: string } = { score: 0 };
  for (const phrase of entry.phrases) {
    const specificity = phrase.terms.length >= 2 ? 1 : 0.5;
    let quality = 0;
    if (contiguous?.has(phrase.key)) {
      quality = 1;
    } else {
      const present = phrase.terms.filter((t) => querySet.has(t)).length;
      const share = present / phrase.terms.length;
      if (present >= 2 || share === 1) quality = ROUTE_LOOKUP.scatteredPhrase * share * share;
    }
    const score = quality * specificity;
    if (score > best.score) best = { score, text: phrase.text };
  }
  return best;
}
