import type { Route, RouteAnswer, RouteMatch } from "../domain/catalog.ts";
import { analyze } from "./analyze.ts";
import type { IndexData, IndexedRoute, TermInfo } from "./route-model.ts";
import { ROUTE_LOOKUP } from "./route-model.ts";
import { bestPhrase, findPhrases } from "./route-phrases.ts";

const STATUS_FACTOR: Record<Route["status"], number> = { active: 1, draft: 0.85, retired: 0.5 };
const STATUS_ORDER: Record<Route["status"], number> = { active: 0, draft: 1, retired: 2 };

interface Query {
  /** Distinct known terms, rarest first, capped. */
  terms: string[];
  /** idf of `terms[i]`, read in the hot loops instead of a Map lookup. */
  termIdf: number[];
  termSet: Set<string>;
  /** idf mass of the whole question, unknown words included. */
  total: number;
  /** route number → normalised phrases found contiguously in the question. */
  phraseHits: Map<number, Set<string>>;
}

interface Scored {
  route: Route;
  entry: IndexedRoute;
  score: number;
  phrase: string | undefined;
}

export function lookupRoutes(data: IndexData, question: string, top: number = ROUTE_LOOKUP.defaultTop): RouteAnswer {
  const query = prepareQuery(data, question);
  if (!query) return { confident: false, matches: [] };
  const scored = scoreCandidates(data, query, top);
  scored.sort(byRank);
  const matches = scored.slice(0, Math.max(1, top)).map((s) => explain(s, query));
  return { confident: isConfident(scored), matches };
}

/** `LookupScratch.state` bits. */
const IN_COVERAGE = 1;
const SCORED = 2;

/**
 * Every contiguous phrase hit gets an exact score first. Then coverage is accumulated term at a
 * time over each term's postings, rarest term first (postings are strongest-first, at most
 * `postingsPerTerm` per term), and the routes with the most coverage get an exact score. The
 * walk stops early once no route reached only through the remaining, commoner terms could come
 * within `confidentLead` of the best score so far: it could neither win nor spoil the winner's
 * confidence. A lookup's cost follows the question, not the size of the catalog.
 *
 * Coverage and "already scored" live in the index's scratch buffers, indexed by route number;
 * every slot this lookup touched is cleared again before it returns.
 */
function scoreCandidates(data: IndexData, query: Query, top: number): Scored[] {
  const { coverage, state } = data.scratch;
  const scored: Scored[] = [];
  const scoredIds: number[] = [];
  const candidates: number[] = [];
  try {
    let best = 0;
    for (const n of query.phraseHits.keys()) best = scoreExactly(data, query, n, scored, scoredIds, best);

    let remaining = 0;
    for (const idf of query.termIdf) remaining += idf;
    for (let t = 0; t < query.terms.length; t += 1) {
      if (unseenBound(remaining / query.total) < best - ROUTE_LOOKUP.confidentLead) break;
      const idf = query.termIdf[t] ?? 0;
      const postings = data.postings.get(query.terms[t] ?? "");
      if (postings) {
        const end = Math.min(postings.routes.length, ROUTE_LOOKUP.postingsPerTerm);
        for (let i = 0; i < end; i += 1) {
          const n = postings.routes[i] ?? -1;
          const flags = state[n] ?? 0;
          if (flags & IN_COVERAGE) {
            coverage[n] = (coverage[n] ?? 0) + idf * (postings.weights[i] ?? 0);
          } else if (candidates.length < ROUTE_LOOKUP.maxCandidates) {
            coverage[n] = idf * (postings.weights[i] ?? 0);
            state[n] = flags | IN_COVERAGE;
            candidates.push(n);
          }
        }
      }
      remaining -= idf;
    }
    const shortlist = candidates
      .filter((n) => !((state[n] ?? 0) & SCORED))
      .sort((a, b) => (coverage[b] ?? 0) - (coverage[a] ?? 0) || a - b)
      .slice(0, Math.max(ROUTE_LOOKUP.shortlist, 2 * top));
    for (const n of shortlist) best = scoreExactly(data, query, n, scored, scoredIds, best);
    return scored.filter((s) => s.score >= ROUTE_LOOKUP.minScore);
  } finally {
    for (const n of candidates) state[n] = 0;
    for (const n of scoredIds) state[n] = 0;
  }
}

/** Scores route `n` once per lookup (later calls are no-ops); returns the best score so far. */
function scoreExactly(data: IndexData, query: Query, n: number, scored: Scored[], scoredIds: number[], best: number): number {
  const entry = data.routes[n];
  const flags = data.scratch.state[n] ?? 0;
  if (!entry || flags & SCORED) return best;
  const result = scoreRoute(entry, query, query.phraseHits.get(n));
  data.scratch.state[n] = flags | SCORED;
  scoredIds.push(n);
  scored.push(result);
  return Math.max(best, result.score);
}

/** The best score a route could reach sharing only `coverage` of the question and no contiguous phrase. */
function unseenBound(coverage: number): number {
  return ROUTE_LOOKUP.phraseWeight * ROUTE_LOOKUP.scatteredPhrase + (1 - ROUTE_LOOKUP.phraseWeight) * coverage;
}

/**
 * The question's terms, as the index knows them. Each word costs one lookup in `data.known`
 * (idf and phrase start together); known terms are counted once per lookup by stamping them with
 * the lookup's number, so only unknown words need a Set. The idf mass adds each distinct term in
 * order of first occurrence, as a Set of the tokens would iterate them.
 */
function prepareQuery(data: IndexData, question: string): Query | undefined {
  const tokens = analyze(question.slice(0, ROUTE_LOOKUP.maxQuestionChars));
  const stamp = ++data.scratch.lookups;
  const infos: (TermInfo | undefined)[] = new Array<TermInfo | undefined>(tokens.length);
  const knownTerms: TermInfo[] = [];
  const unknown = new Set<string>();
  let total = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const term = tokens[i] ?? "";
    const info = data.known.get(term);
    infos[i] = info;
    if (info) {
      if (info.seen === stamp) continue;
      info.seen = stamp;
      knownTerms.push(info);
      total += info.idf;
    } else if (!unknown.has(term)) {
      unknown.add(term);
      total += data.unknownIdf;
    }
  }
  if (knownTerms.length === 0 || total === 0) return undefined;
  const kept = knownTerms.sort((a, b) => b.idf - a.idf || compareText(a.term, b.term)).slice(0, ROUTE_LOOKUP.maxQueryTerms);
  const terms = kept.map((info) => info.term);
  return { terms, termIdf: kept.map((info) => info.idf), termSet: new Set(terms), total, phraseHits: findPhrases(data, tokens, infos) };
}

function scoreRoute(entry: IndexedRoute, query: Query, contiguous: ReadonlySet<string> | undefined): Scored {
  let explained = 0;
  const { terms, termIdf } = query;
  for (let i = 0; i < terms.length; i += 1) {
    const weight = entry.terms.get(terms[i] ?? "");
    if (weight !== undefined) explained += (termIdf[i] ?? 0) * weight;
  }
  const phrase = bestPhrase(entry, contiguous, query.termSet);
  const raw = ROUTE_LOOKUP.phraseWeight * phrase.score + (1 - ROUTE_LOOKUP.phraseWeight) * (explained / query.total);
  const score = Math.min(1, raw * STATUS_FACTOR[entry.route.status]);
  return { route: entry.route, entry, score, phrase: phrase.score >= ROUTE_LOOKUP.scatteredPhrase ? phrase.text : undefined };
}

/** The phrase and terms behind a score, built only for the matches that are returned. */
function explain(scored: Scored, query: Query): RouteMatch {
  const terms = query.terms.filter((t) => scored.entry.terms.has(t));
  return { route: scored.route, score: scored.score, matched: scored.phrase ? [`"${scored.phrase}"`, ...terms] : terms };
}

function byRank(a: Scored, b: Scored): number {
  return b.score - a.score || STATUS_ORDER[a.route.status] - STATUS_ORDER[b.route.status] || compareText(a.route.id, b.route.id);
}

/** Plain code-unit order: deterministic, and far cheaper than localeCompare in a hot sort. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Clears the bar and is clearly ahead of the runner-up; a retired route never counts. */
function isConfident(ranked: readonly Scored[]): boolean {
  const [first, second] = ranked;
  if (!first || first.route.status === "retired" || first.score < ROUTE_LOOKUP.confidentScore) return false;
  return !second || first.score - second.score >= ROUTE_LOOKUP.confidentLead;
}
