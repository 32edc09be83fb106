import type { Playbook, Route, RouteAnswer, RouteIndex } from "../domain/catalog.ts";
import { analyze } from "./analyze.ts";
import type { IndexedRoute, IndexData, Postings, TermInfo } from "./route-model.ts";
import { lookupRoutes } from "./route-scoring.ts";

/**
 * How much a word counts depending on where the route has it. Match phrases are written to be
 * asked, so they weigh most; a word that is only in the summary is weak evidence.
 */
const FIELD_WEIGHTS = { match: 1, id: 0.8, title: 0.8, kinds: 0.7, summary: 0.5, owner: 0.4, playbook: 0.4 } as const;

/**
 * Builds the inverted index once (per process, per catalog): term → routes that contain it,
 * strongest first, plus a phrase table keyed by a phrase's normalised terms. A lookup then costs
 * about the postings of the question's terms, not the size of the catalog.
 */
export function buildRouteIndex(routes: readonly Route[], playbooks: readonly Playbook[] = []): RouteIndex {
  const playbookTitles = new Map(playbooks.map((p) => [p.path, p.meta.title]));
  const indexed = routes.map((route) => indexRoute(route, route.playbook ? playbookTitles.get(route.playbook) : undefined));
  const data = buildIndexData(indexed);
  const byId = new Map(routes.map((r) => [r.id, r]));
  return {
    size: routes.length,
    get: (routeId) => byId.get(routeId),
    lookup: (question, options): RouteAnswer => lookupRoutes(data, question, options?.top),
  };
}

function indexRoute(route: Route, playbookTitle: string | undefined): IndexedRoute {
  const terms = new Map<string, number>();
  const add = (words: readonly string[], weight: number): void => {
    for (const term of words) terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  };
  add(analyze(route.id), FIELD_WEIGHTS.id);
  add(analyze(route.title), FIELD_WEIGHTS.title);
  add(analyze(route.kinds.join(" ")), FIELD_WEIGHTS.kinds);
  add(analyze(route.summary ?? ""), FIELD_WEIGHTS.summary);
  add(analyze(route.owner), FIELD_WEIGHTS.owner);
  add(analyze(playbookTitle ?? ""), FIELD_WEIGHTS.playbook);
  const phrases: IndexedRoute["phrases"] = [];
  for (const text of route.match) {
    const phraseTerms = analyze(text);
    if (phraseTerms.length === 0) continue;
    phrases.push({ text, terms: phraseTerms, key: phraseTerms.join(" ") });
    add(phraseTerms, FIELD_WEIGHTS.match);
  }
  return { route, terms, phrases };
}

/** Field weights strongest first; a posting is encoded as rank × ROUTE_SPAN + route number. */
const WEIGHT_RANK = new Map<number, number>([...new Set(Object.values(FIELD_WEIGHTS))].sort((a, b) => b - a).map((w, rank) => [w, rank]));
const RANK_WEIGHT = [...WEIGHT_RANK.keys()];
const ROUTE_SPAN = 2 ** 24;

function buildIndexData(routes: IndexedRoute[]): IndexData {
  const codes = new Map<string, number[]>();
  const phrases = new Map<string, number[]>();
  const phraseStarts = new Set<string>();
  let maxPhraseTerms = 0;
  routes.forEach((entry, route) => {
    for (const [term, weight] of entry.terms) {
      const list = codes.get(term) ?? [];
      list.push((WEIGHT_RANK.get(weight) ?? WEIGHT_RANK.size) * ROUTE_SPAN + route);
      codes.set(term, list);
    }
    for (const phrase of entry.phrases) {
      const list = phrases.get(phrase.key) ?? [];
      if (list[list.length - 1] !== route) list.push(route);
      phrases.set(phrase.key, list);
      phraseStarts.add(phrase.terms[0] ?? "");
      maxPhraseTerms = Math.max(maxPhraseTerms, phrase.terms.length);
    }
  });
  const postings = new Map<string, Postings>();
  const idf = new Map<string, number>();
  const n = routes.length;
  for (const [term, list] of codes) {
    // A numeric sort of the codes orders by field strength, then route: strongest first, so a
    // capped walk over a common term keeps the best candidates.
    const sorted = Float64Array.from(list).sort();
    postings.set(term, {
      routes: Int32Array.from(sorted, (code) => code % ROUTE_SPAN),
      weights: Float32Array.from(sorted, (code) => RANK_WEIGHT[Math.floor(code / ROUTE_SPAN)] ?? 0),
    });
    idf.set(term, Math.log(1 + n / list.length));
  }
  const scratch = { coverage: new Float64Array(n), state: new Uint8Array(n), lookups: 0 };
  const known = new Map<string, TermInfo>();
  for (const [term, value] of idf) known.set(term, { term, idf: value, phraseStart: phraseStarts.has(term), seen: 0 });
  return { routes, postings, idf, phrases, phraseStarts, maxPhraseTerms, unknownIdf: 0.5 * Math.log(1 + Math.max(n, 1)), scratch, known };
}
