import type { Playbook, Route, RouteAnswer, RouteIndex } from "../domain/catalog.ts";
import { analyze } from "./analyze.ts";
import type { IndexedRoute, IndexData } from "./route-scoring.ts";
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
  const add = (text: string, weight: number): void => {
    for (const term of analyze(text)) terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  };
  add(route.id, FIELD_WEIGHTS.id);
  add(route.title, FIELD_WEIGHTS.title);
  add(route.kinds.join(" "), FIELD_WEIGHTS.kinds);
  add(route.summary ?? "", FIELD_WEIGHTS.summary);
  add(route.owner, FIELD_WEIGHTS.owner);
  add(playbookTitle ?? "", FIELD_WEIGHTS.playbook);
  const phrases: IndexedRoute["phrases"] = [];
  for (const text of route.match) {
    const phraseTerms = analyze(text);
    if (phraseTerms.length === 0) continue;
    phrases.push({ text, terms: phraseTerms, key: phraseTerms.join(" ") });
    add(text, FIELD_WEIGHTS.match);
  }
  return { route, terms, phrases };
}

function buildIndexData(routes: IndexedRoute[]): IndexData {
  const weighted = new Map<string, { route: number; weight: number }[]>();
  const phrases = new Map<string, number[]>();
  const phraseStarts = new Set<string>();
  let maxPhraseTerms = 0;
  routes.forEach((entry, route) => {
    for (const [term, weight] of entry.terms) {
      const list = weighted.get(term) ?? [];
      list.push({ route, weight });
      weighted.set(term, list);
    }
    for (const phrase of entry.phrases) {
      const list = phrases.get(phrase.key) ?? [];
      if (!list.includes(route)) list.push(route);
      phrases.set(phrase.key, list);
      phraseStarts.add(phrase.terms[0] ?? "");
      maxPhraseTerms = Math.max(maxPhraseTerms, phrase.terms.length);
    }
  });
  const postings = new Map<string, number[]>();
  const idf = new Map<string, number>();
  const n = routes.length;
  for (const [term, list] of weighted) {
    // Strongest first, so a capped walk over a very common term keeps the best candidates.
    list.sort((a, b) => b.weight - a.weight || a.route - b.route);
    postings.set(term, list.map((p) => p.route));
    idf.set(term, Math.log(1 + n / list.length));
  }
  return { routes, postings, idf, phrases, phraseStarts, maxPhraseTerms, unknownIdf: 0.5 * Math.log(1 + Math.max(n, 1)) };
}
