import type { Owner, Playbook, Route, RouteAnswer, RouteIndex } from "../domain/catalog.ts";
import { analyze } from "./analyze.ts";
import { buildFuzzyWords } from "./route-fuzzy.ts";
import type { FuzzyWords } from "./route-fuzzy.ts";
import type { IndexData, IndexedPhrase, IndexedRoute, Postings, TermInfo } from "./route-model.ts";
import { pairKey, ROUTE_LOOKUP } from "./route-model.ts";
import { lookupRoutes } from "./route-scoring.ts";
import { CREDENTIAL_TERMS, PRODUCTION_TERMS } from "./route-signals.ts";

/**
 * How much a word counts depending on where the route has it (BM25F field weights). Match
 * phrases and aliases are written to be asked, the title names the need; the owner's description
 * and the playbook's headings are shared by several routes and only break ties.
 */
const FIELD_WEIGHTS = { match: 3, aliases: 3, title: 2.5, id: 1.5, kinds: 1.5, examples: 1, summary: 1, playbook: 0.5, owner: 0.4 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

const STATUS_FACTOR: Record<Route["status"], number> = { active: 1, draft: 0.85, retired: 0.5 };

/**
 * Builds the inverted index once (per process, per catalog): term → routes that hold it,
 * strongest BM25F weight first, plus a phrase table keyed by a phrase's normalised terms. A
 * lookup then costs about the postings of the question's terms, not the size of the catalog.
 */
export function buildRouteIndex(routes: readonly Route[], playbooks: readonly Playbook[] = [], owners: readonly Owner[] = []): RouteIndex {
  const playbookText = new Map(playbooks.map((p) => [p.path, [p.meta.title, ...headings(p.body)]]));
  const ownerText = new Map(owners.map((o) => [o.id, [o.name, o.description ?? ""]]));
  const texts = routes.map((route) => routeTexts(route, (route.playbook && playbookText.get(route.playbook)) || [], ownerText.get(route.owner) ?? [route.owner]));
  const data = buildIndexData(routes, texts);
  const byId = new Map(routes.map((r) => [r.id, r]));
  return {
    size: routes.length,
    get: (routeId) => byId.get(routeId),
    lookup: (question, options): RouteAnswer => lookupRoutes(data, question, options?.top),
  };
}

function headings(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6}[ \t]+(.+)$/gm)].map((m) => m[1] ?? "");
}

/** Per field, the route's texts, already analysed (and the words before stemming, for typos). */
interface AnalysedText {
  terms: string[];
  words: string[];
}
type RouteTexts = Record<Field, AnalysedText[]>;

function routeTexts(route: Route, playbook: readonly string[], owner: readonly string[]): RouteTexts {
  const texts = (list: readonly string[]): AnalysedText[] =>
    list.map((text) => {
      const words: string[] = [];
      return { terms: analyze(text, words), words };
    });
  return {
    match: texts(route.match),
    aliases: texts(route.aliases ?? []),
    title: texts([route.title]),
    id: texts([route.id]),
    kinds: texts(route.kinds),
    examples: texts(route.examples ?? []),
    summary: texts([route.summary ?? ""]),
    playbook: texts(playbook),
    owner: texts(owner),
  };
}

function buildIndexData(routes: readonly Route[], texts: readonly RouteTexts[]): IndexData {
  const known = new Map<string, TermInfo>();
  const terms: TermInfo[] = [];
  const idOf = (term: string): number => {
    const info = known.get(term);
    if (info) return info.id;
    const created: TermInfo = { id: terms.length, term, idf: 0, phraseStart: false, credential: CREDENTIAL_TERMS.has(term), production: PRODUCTION_TERMS.has(term), seen: 0, weight: 0, said: 0 };
    known.set(term, created);
    terms.push(created);
    return created.id;
  };
  // A node gets its map of children only when a longer phrase continues from it.
  const trie: Map<number, number>[] = [new Map()];
  let nodes = 1;
  const nodeOf = (ids: readonly number[]): number => {
    let node = 0;
    for (const id of ids) {
      const children = trie[node] ?? new Map<number, number>();
      trie[node] = children;
      let child = children.get(id);
      if (child === undefined) {
        child = nodes;
        nodes += 1;
        children.set(id, child);
      }
      node = child;
    }
    return node;
  };
  const averages = fieldAverages(texts);
  const indexed = routes.map((route, n) => indexRoute(route, texts[n] as RouteTexts, averages, idOf, nodeOf));

  const lists: { routes: number[]; weights: number[] }[] = terms.map(() => ({ routes: [], weights: [] }));
  indexed.forEach((entry, n) => {
    entry.termIds.forEach((id, i) => {
      const list = lists[id];
      list?.routes.push(n);
      list?.weights.push(entry.termWeights[i] ?? 0);
    });
  });
  const count = routes.length;
  const postings: Postings[] = lists.map((list, id) => {
    const info = terms[id] as TermInfo;
    const df = list.routes.length;
    info.idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
    // Strongest first, so a capped walk over a common term keeps the best candidates.
    const order = list.routes.map((_, i) => i).sort((a, b) => (list.weights[b] ?? 0) - (list.weights[a] ?? 0) || (list.routes[a] ?? 0) - (list.routes[b] ?? 0));
    return { routes: Int32Array.from(order, (i) => list.routes[i] ?? 0), weights: Float32Array.from(order, (i) => list.weights[i] ?? 0) };
  });

  const phraseEnds = new Map<number, number[]>();
  indexed.forEach((entry, n) => {
    for (const phrase of entry.phrases) {
      const list = phraseEnds.get(phrase.node) ?? [];
      if (list[list.length - 1] !== n) list.push(n);
      phraseEnds.set(phrase.node, list);
      const first = terms[phrase.terms[0] ?? -1];
      if (first) first.phraseStart = true;
    }
  });

  let fuzzy: FuzzyWords | undefined;
  const fuzzyWords = (): FuzzyWords => (fuzzy ??= buildFuzzyWords(surfaceWords(texts)));
  const scratch = { coverage: new Float64Array(count), state: new Uint8Array(count), lookups: 0 };
  return { routes: indexed, known, terms, postings, phraseTrie: trie, phraseEnds, fuzzy: fuzzyWords, scratch };
}

function fieldAverages(texts: readonly RouteTexts[]): Record<Field, number> {
  const averages = {} as Record<Field, number>;
  for (const field of FIELDS) {
    const total = texts.reduce((n, t) => n + t[field].reduce((m, x) => m + x.terms.length, 0), 0);
    averages[field] = Math.max(1, total / Math.max(1, texts.length));
  }
  return averages;
}

/** BM25F: per term, field frequencies weighted and length-normalised, then saturated by k1. */
function indexRoute(route: Route, texts: RouteTexts, averages: Record<Field, number>, idOf: (term: string) => number, nodeOf: (ids: readonly number[]) => number): IndexedRoute {
  const { k1, b } = ROUTE_LOOKUP;
  const pseudo = new Map<number, number>();
  const pairs = new Set<number>();
  for (const field of FIELDS) {
    const length = texts[field].reduce((n, x) => n + x.terms.length, 0);
    const norm = FIELD_WEIGHTS[field] / (1 - b + (b * length) / averages[field]);
    for (const text of texts[field]) {
      let previous = -1;
      for (const term of text.terms) {
        const id = idOf(term);
        pseudo.set(id, (pseudo.get(id) ?? 0) + norm);
        if (previous >= 0 && field !== "owner") pairs.add(pairKey(previous, id));
        previous = id;
      }
    }
  }
  const termIds = Int32Array.from(pseudo.keys()).sort();
  const termWeights = Float32Array.from(termIds, (id) => {
    const tf = pseudo.get(id) ?? 0;
    return tf / (k1 + tf);
  });
  const phrases: IndexedPhrase[] = [];
  const addPhrases = (list: readonly string[], analysed: readonly AnalysedText[], alias: boolean): void => {
    analysed.forEach((text, i) => {
      if (text.terms.length === 0) return;
      const ids = text.terms.map(idOf);
      phrases.push({ text: list[i] ?? "", terms: ids, node: nodeOf(ids), alias });
    });
  };
  addPhrases(route.match, texts.match, false);
  addPhrases(route.aliases ?? [], texts.aliases, true);
  const productionAccess = route.sensitivity.includes("production") && texts.title.some((t) => t.terms.some((term) => PRODUCTION_TERMS.has(term)));
  return { route, termIds, termWeights, phrases, pairs: Float64Array.from(pairs).sort(), productionAccess, statusFactor: STATUS_FACTOR[route.status] };
}

/** The catalog's words before stemming → their term (owner texts included: they are the catalog's words too). */
function surfaceWords(texts: readonly RouteTexts[]): Map<string, string> {
  const words = new Map<string, string>();
  for (const routeTexts of texts) {
    for (const field of FIELDS) {
      for (const text of routeTexts[field]) text.words.forEach((word, i) => words.set(word, text.terms[i] ?? word));
    }
  }
  return words;
}
