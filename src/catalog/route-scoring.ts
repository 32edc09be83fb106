import type { Route, RouteAnswer, RouteMatch } from "../domain/catalog.ts";
import { analyze, surfaceOf } from "./analyze.ts";
import { splitCompound } from "./route-compound.ts";
import { correctTypo } from "./route-fuzzy.ts";
import type { IndexData, IndexedRoute, TermInfo } from "./route-model.ts";
import { findSorted, pairKey, ROUTE_LOOKUP } from "./route-model.ts";
import { phraseBonus, findPhrases } from "./route-phrases.ts";
import { CREDENTIAL_TERMS, PRODUCTION_TERMS } from "./route-signals.ts";

const STATUS_ORDER: Record<Route["status"], number> = { active: 0, draft: 1, retired: 2 };

interface Query {
  /** Distinct known terms, rarest first, capped. */
  terms: TermInfo[];
  /** Weight of `terms[i]` in this question: its idf, less for a word corrected for a typo. */
  termWeight: number[];
  /** Distinct adjacent term pairs (`pairKey`), and the smaller idf of each pair's two terms. */
  pairs: number[];
  pairIdf: number[];
  /** route number → trie nodes of its phrases found contiguously in the question. */
  phraseHits: Map<number, Set<number>>;
  /** The lookup's number: `TermInfo.seen === stamp` means the question has the term. */
  stamp: number;
  credential: boolean;
  production: boolean;
  /** A match phrase (not an alias) of two or more words is in the question as written. */
  multiWordPhrase: boolean;
}

interface Scored {
  entry: IndexedRoute;
  raw: number;
  phrase: string | undefined;
}

export function lookupRoutes(data: IndexData, question: string, top: number = ROUTE_LOOKUP.defaultTop): RouteAnswer {
  const query = prepareQuery(data, question);
  if (!query) return { confident: false, outOfScope: true, matches: [] };
  const scored = scoreCandidates(data, query, top);
  scored.sort(byRank);
  const matches = scored.slice(0, Math.max(1, top)).map((s) => explain(s, query));
  // A question with no credential word is in scope only through a match phrase of two words or
  // more found as written: a name alone ("Datadog", "shop database") is no credential need.
  // So is a question whose credential words no route near the top is about ("our runbook access
  // is down, restart the billing service").
  const outOfScope = !query.multiWordPhrase && (!query.credential || !namesTheNeed(scored[0], query));
  const confident = !outOfScope && isConfident(scored);
  return { confident, outOfScope, matches };
}

/**
 * The most a route can score per unit of question weight it holds, when it has no phrase found
 * as written: its BM25F weights (at most 1 each), a scattered phrase, and two adjacent pairs per
 * word (a pair is worth its rarer word's idf, at most weight / typoFactor).
 */
const UNSEEN_FACTOR = 1 + ROUTE_LOOKUP.scatteredPhraseBonus + (2 * ROUTE_LOOKUP.proximityBonus) / ROUTE_LOOKUP.typoFactor;

/** `LookupScratch.state` bits. */
const IN_COVERAGE = 1;
const SCORED = 2;

/**
 * Every route with a contiguous phrase hit gets an exact score. Then BM25F is accumulated term
 * at a time over each term's postings, rarest term first, until no route still unseen could
 * matter (postings are strongest first, at most
 * `postingsPerTerm` per term, at most `maxCandidates` routes), and the routes with the highest
 * sums get an exact score with phrase and proximity bonuses. A lookup's cost follows the
 * question, not the size of the catalog. Coverage and "already scored" live in the index's
 * scratch buffers, indexed by route number; every slot this lookup touched is cleared again.
 */
function scoreCandidates(data: IndexData, query: Query, top: number): Scored[] {
  const { coverage, state } = data.scratch;
  const scored: Scored[] = [];
  const touched: number[] = [];
  try {
    for (const n of query.phraseHits.keys()) scoreOnce(data, query, n, scored, touched);
    let best = 0;
    for (const s of scored) best = Math.max(best, s.raw);
    let remaining = 0;
    for (const w of query.termWeight) remaining += w;
    const candidates: number[] = [];
    for (let t = 0; t < query.terms.length; t += 1) {
      // Stop once a route reached only through the remaining (commoner) terms could neither
      // beat the best phrase hit nor spoil its margin.
      if (remaining * UNSEEN_FACTOR < best * (1 - ROUTE_LOOKUP.confidentMargin)) break;
      const weight = query.termWeight[t] ?? 0;
      remaining -= weight;
      const postings = data.postings[query.terms[t]?.id ?? -1];
      if (!postings) continue;
      const end = Math.min(postings.routes.length, ROUTE_LOOKUP.postingsPerTerm);
      for (let i = 0; i < end; i += 1) {
        const n = postings.routes[i] ?? -1;
        const flags = state[n] ?? 0;
        if (flags & IN_COVERAGE) {
          coverage[n] = (coverage[n] ?? 0) + weight * (postings.weights[i] ?? 0);
        } else if (candidates.length < ROUTE_LOOKUP.maxCandidates) {
          coverage[n] = weight * (postings.weights[i] ?? 0);
          state[n] = flags | IN_COVERAGE;
          candidates.push(n);
          touched.push(n);
        }
      }
    }
    const shortlist = candidates
      .filter((n) => !((state[n] ?? 0) & SCORED))
      .sort((a, b) => (coverage[b] ?? 0) - (coverage[a] ?? 0) || a - b)
      .slice(0, Math.max(ROUTE_LOOKUP.shortlist, 2 * top));
    for (const n of shortlist) scoreOnce(data, query, n, scored, touched);
    const floor = rawFor(ROUTE_LOOKUP.minScore);
    return scored.filter((s) => s.raw >= floor && (query.production || !s.entry.productionAccess || s.phrase !== undefined));
  } finally {
    for (const n of touched) state[n] = 0;
  }
}

function scoreOnce(data: IndexData, query: Query, n: number, scored: Scored[], touched: number[]): void {
  const entry = data.routes[n];
  const flags = data.scratch.state[n] ?? 0;
  if (!entry || flags & SCORED) return;
  data.scratch.state[n] = flags | SCORED;
  touched.push(n);
  scored.push(scoreRoute(data, entry, query, query.phraseHits.get(n)));
}

/** BM25F over the question's terms + the best phrase + adjacent pairs the route also has. */
function scoreRoute(data: IndexData, entry: IndexedRoute, query: Query, contiguous: ReadonlySet<number> | undefined): Scored {
  let bm25 = 0;
  for (let i = 0; i < query.terms.length; i += 1) {
    const at = findSorted(entry.termIds, query.terms[i]?.id ?? -1);
    if (at >= 0) bm25 += (query.termWeight[i] ?? 0) * (entry.termWeights[at] ?? 0);
  }
  let proximity = 0;
  const { pairs, pairIdf } = query;
  for (let i = 0; i < pairs.length; i += 1) if (findSorted(entry.pairs, pairs[i] ?? -1) >= 0) proximity += pairIdf[i] ?? 0;
  const phrase = phraseBonus(data, entry, contiguous, query.stamp);
  const raw = (bm25 + phrase.bonus + ROUTE_LOOKUP.proximityBonus * proximity) * entry.statusFactor;
  return { entry, raw, phrase: phrase.exact ? phrase.text : undefined };
}

/**
 * The question's terms, as the index knows them. Each word costs one lookup in `data.known`; a
 * word the index does not know may be a typo of one it does (a bounded number of words per
 * question are tried). Known terms are counted once per lookup by stamping them with the
 * lookup's number.
 */
function prepareQuery(data: IndexData, question: string): Query | undefined {
  const { tokens, asked } = analyzeSentences(question.slice(0, ROUTE_LOOKUP.maxQuestionChars));
  const stamp = ++data.scratch.lookups;
  const infos: (TermInfo | undefined)[] = new Array<TermInfo | undefined>(tokens.length);
  const distinct: TermInfo[] = [];
  // Unknown words are looked at once each: for a typo of a catalog word, and for the signals
  // ("login" names a credential need even where no route says "login").
  const unknown = new Map<string, TermInfo | undefined>();
  const corrected = new Set<TermInfo>();
  const modifiers: TermInfo[] = [];
  let credential = false;
  let production = false;
  // Words repeat far more than they vary: each distinct word is resolved once per question, in
  // a small map, instead of once per occurrence in the index's large one.
  const resolved = new Map<string, TermInfo | null>();
  /** Counts one occurrence of a known term; the first in this lookup also lists it. */
  const said = (info: TermInfo): void => {
    if (info.seen === stamp) {
      info.said += 1;
      return;
    }
    info.seen = stamp;
    info.said = 1;
    distinct.push(info);
    credential ||= info.credential;
    production ||= info.production;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? "";
    const seen = resolved.get(token);
    let info = seen === null ? undefined : (seen ?? data.known.get(token));
    if (seen === undefined && info) resolved.set(token, info);
    if (!info && seen !== null) {
      if (unknown.has(token)) info = unknown.get(token);
      else {
        credential ||= CREDENTIAL_TERMS.has(token);
        production ||= PRODUCTION_TERMS.has(token);
        const inBudget = unknown.size < ROUTE_LOOKUP.maxTypoWords;
        const word = surfaceOf(token) ?? token;
        const term = inBudget ? correctTypo(data.fuzzy(), word) : undefined;
        info = term === undefined ? undefined : data.known.get(term);
        if (info && info.seen !== stamp) corrected.add(info);
        const parts = !info && inBudget ? splitCompound(data, word) : undefined;
        if (parts) {
          modifiers.push(parts[0]);
          info = parts[1];
        }
        unknown.set(token, info);
      }
      resolved.set(token, info ?? null);
    }
    infos[i] = info;
    if (info) said(info);
  }
  // The first part of a compound counts as a word of its own ("Produktions|servern").
  for (const info of modifiers) said(info);
  if (distinct.length === 0) return undefined;
  const terms = distinct.sort((a, b) => b.idf - a.idf || compareText(a.term, b.term)).slice(0, ROUTE_LOOKUP.maxQueryTerms);
  // Words of a sentence that asks ("…?") name the need; the rest of a message is often context
  // ("we reach the database through the tunnel. Where do we get Postgres credentials?").
  // A word said again is what the message is about: a little more weight, with a cap.
  const termWeight = terms.map((info) => {
    const said = Math.min(info.said, ROUTE_LOOKUP.maxRepeats);
    info.weight = (corrected.has(info) ? ROUTE_LOOKUP.typoFactor : 1) * (asked.has(info.term) ? ROUTE_LOOKUP.askedBoost : 1) * (1 + ROUTE_LOOKUP.repeatBoost * Math.log(said)) * info.idf;
    return info.weight;
  });
  const phraseHits = findPhrases(data, infos);
  const pairs = adjacentPairs(infos);
  return { terms, termWeight, pairs: [...pairs.keys()], pairIdf: [...pairs.values()], phraseHits, multiWordPhrase: hasMultiWordPhrase(data, phraseHits), stamp, credential, production };
}

/** A match phrase (an alias does not count: a name is no need) of two words or more was found as written. */
function hasMultiWordPhrase(data: IndexData, hits: ReadonlyMap<number, ReadonlySet<number>>): boolean {
  for (const [n, nodes] of hits) {
    if (data.routes[n]?.phrases.some((p) => !p.alias && p.terms.length >= 2 && nodes.has(p.node))) return true;
  }
  return false;
}

/**
 * The question's terms in order, and the terms of its sentences that ask when it also has
 * sentences that do not (otherwise every word is equally the question, and none is singled
 * out). One pass over the text either way; a text without "?" is not even split.
 */
function analyzeSentences(text: string): { tokens: string[]; asked: ReadonlySet<string> } {
  const asked = new Set<string>();
  if (!text.includes("?")) return { tokens: analyze(text), asked };
  const sentences = text.split(/(?<=[.!?])\s+|\n+/);
  const asks = sentences.map((s) => s.trimEnd().endsWith("?"));
  const singleOut = asks.some((a) => !a);
  const tokens: string[] = [];
  sentences.forEach((sentence, i) => {
    for (const term of analyze(sentence)) {
      tokens.push(term);
      if (singleOut && asks[i]) asked.add(term);
    }
  });
  return { tokens, asked };
}

function adjacentPairs(infos: readonly (TermInfo | undefined)[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const end = Math.min(infos.length, ROUTE_LOOKUP.maxPairWords);
  for (let i = 1; i < end && pairs.size < ROUTE_LOOKUP.maxQueryPairs; i += 1) {
    const a = infos[i - 1];
    const b = infos[i];
    if (a && b && a !== b) pairs.set(pairKey(a.id, b.id), Math.min(a.idf, b.idf));
  }
  return pairs;
}

/** raw → 0..1, monotone: comparable across questions, saturating for very strong matches. */
function scoreOf(raw: number): number {
  return 1 - Math.exp(-raw / ROUTE_LOOKUP.scoreScale);
}

function rawFor(score: number): number {
  return -ROUTE_LOOKUP.scoreScale * Math.log(1 - score);
}

/** The phrase and terms behind a score, built only for the matches that are returned. */
function explain(scored: Scored, query: Query): RouteMatch {
  const terms = query.terms.filter((t) => findSorted(scored.entry.termIds, t.id) >= 0).map((t) => t.term);
  return { route: scored.entry.route, score: scoreOf(scored.raw), matched: scored.phrase ? [`"${scored.phrase}"`, ...terms] : terms };
}

function byRank(a: Scored, b: Scored): number {
  return b.raw - a.raw || STATUS_ORDER[a.entry.route.status] - STATUS_ORDER[b.entry.route.status] || compareText(a.entry.route.id, b.entry.route.id);
}

/** Plain code-unit order: deterministic, and far cheaper than localeCompare in a hot sort. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The credential the question asks for must be one the route is about: "our runbook access is
 * down, restart the billing service" shares "billing" with the Postgres route, but the Postgres
 * route says nothing of access. A question whose only credential words are unknown to the
 * catalog ("login") is judged on the rest; a match phrase found as written vouches by itself.
 */
function namesTheNeed(top: Scored | undefined, query: Query): boolean {
  if (!top) return false;
  const asked = query.terms.filter((t) => t.credential);
  if (asked.length === 0 || top.phrase !== undefined) return true;
  return asked.some((t) => findSorted(top.entry.termIds, t.id) >= 0);
}

/**
 * Calibrated on the labelled question set: confident only when the top route clears the bar
 * and leads the runner-up by a clear share of its own score; a retired route never counts.
 */
function isConfident(ranked: readonly Scored[]): boolean {
  const [first, second] = ranked;
  if (!first || first.entry.route.status === "retired" || scoreOf(first.raw) < ROUTE_LOOKUP.confidentScore) return false;
  return !second || (first.raw - second.raw) / first.raw >= ROUTE_LOOKUP.confidentMargin;
}
