import type { EscalationCategory } from "../domain/action.ts";
import type { Catalog, Lane, Owner, Route } from "../domain/catalog.ts";
import { WARDEN_AGENT } from "../domain/message.ts";
import { normalizeForScan } from "./secrets/index.ts";
import { isProductionRoute } from "./production-gate.ts";

/**
 * The charter's rules for catalog changes as invariants in code, checked on the typed change
 * whatever wording it came with:
 *
 * - ops-warden issues SSH user certificates and nothing else: only the SSH certificate kinds
 *   (a closed set, not a prefix: `ssh-db-password` is a database password) may have
 *   `lane: issue` or `owner: ops-warden`, or newly point to a playbook whose front matter says so;
 * - a message cannot move a route's `owner`, `lane` or `sensitivity` (so it cannot drop
 *   `production` either): those are a maintainer's edit;
 * - a route whose values (title, summary, match phrases, examples) speak of production, in any
 *   of the languages below and after folding look-alikes, must carry the `production` flag, so
 *   the production gate (which trusts the flag) sees it; and a route without the flag may not
 *   newly point to a playbook a production route is served by, nor newly take a match phrase or
 *   example a production route has (it would take the production route's questions past the gate);
 * - change authority: an update or retire only from the route's owner agent (owners registry),
 *   a new route only from its proposed owner's agent; a playbook only from the owner agent of
 *   every route it serves (before and after the change) that another owner runs, and a playbook
 *   that serves no route from no one. This relies on the hub authenticating `from_agent`; anything else needs a
 *   maintainer.
 */
export interface CharterProblem {
  rule: "charter" | "change-authority";
  category: EscalationCategory;
  reason: string;
}

export type RouteChange = { op: "add" | "update"; entry: Route } | { op: "retire"; route_id: string };

/** The kinds the shipped catalog uses for the SSH user certificates ops-warden issues (catalog/ssh.yaml). */
export const SSH_CERTIFICATE_KINDS: ReadonlySet<string> = new Set(["ssh-certificate"]);

/** A route of ops-warden's own kind: every kind it covers is an SSH certificate kind. */
export function isSshCertificateRoute(route: Pick<Route, "kinds">): boolean {
  return route.kinds.length > 0 && route.kinds.every((kind) => SSH_CERTIFICATE_KINDS.has(kind));
}

/**
 * Production wording in a route's own values, read on normalised, lower-cased text (look-alikes
 * folded, accents removed): prod, prod01, prod-eu, prd, production and its German, French,
 * Spanish, Italian, Portuguese and Dutch forms (compounds too: Produktionsserver,
 * productieomgeving), customer-facing, live traffic / live systems. The inbound gate's verbs
 * are not needed here: the flag is about what the route covers.
 */
const PRODUCTION_WORD = new RegExp(
  [
    String.raw`\bpr[o0]d(?:\d+[a-z]?)?\b`,
    String.raw`\bprd\d*\b`,
    String.raw`\bpr[o0]d(?:uction|uccion|uzione|ucao|uctie|uktion|uktiv(?!itat))[a-z]*`,
    String.raw`\b(?:customer|client|kunden|public)[\s-]*facing\b`,
    String.raw`\blive[\s-]+(?:traffic|env(?:ironment)?s?|clusters?|systems?|hosts?|servers?|fleet|databases?|sites?|services?|users?|customers?|data)\b`,
  ].join("|"),
);

/** Whether a text speaks of production (normalised here). */
export function speaksOfProduction(text: string): boolean {
  return PRODUCTION_WORD.test(normalizeForScan(text).toLowerCase());
}

export function charterProblem(change: RouteChange, existing: Route | undefined, sender: string, catalog: Catalog): CharterProblem | undefined {
  return authorityProblem(change, existing, sender, catalog.owners) ?? invariantProblem(change, existing, catalog);
}

function invariantProblem(change: RouteChange, existing: Route | undefined, catalog: Catalog): CharterProblem | undefined {
  if (change.op === "retire") return undefined;
  const entry = change.entry;
  if ((entry.lane === "issue" || entry.owner === WARDEN_AGENT) && !isSshCertificateRoute(entry)) {
    return policy(`only SSH certificate kinds (${[...SSH_CERTIFICATE_KINDS].join(", ")}) may have lane "issue" or owner ops-warden; route "${entry.id}" covers another kind`);
  }
  // What a certificate allows is the maintainers' edit alone (docs/ssh.md): never a message's.
  if (JSON.stringify(entry.ssh ?? null) !== JSON.stringify(existing?.ssh ?? null)) {
    return policy(`a message cannot add or change a route's ssh: policy (route "${entry.id}"): only maintainers edit what a certificate allows`);
  }
  if (existing) {
    for (const field of ["owner", "lane"] as const) {
      if (entry[field] !== existing[field]) return policy(`a message cannot change a route's ${field} (route "${entry.id}"): that is a maintainer's edit`);
    }
    if ([...entry.sensitivity].sort().join() !== [...existing.sensitivity].sort().join()) {
      return policy(`a message cannot change a route's sensitivity (route "${entry.id}"): that is a maintainer's edit`);
    }
  }
  const playbook = entry.playbook !== existing?.playbook ? catalog.playbooks.find((p) => p.path === entry.playbook) : undefined;
  if (playbook && (playbook.meta.lane === "issue" || playbook.meta.owner === WARDEN_AGENT) && !isSshCertificateRoute(entry)) {
    return policy(`route "${entry.id}" covers a kind other than SSH certificates but would point to a playbook of ops-warden's own lane (${playbook.path})`);
  }
  if (isProductionRoute(entry)) return undefined;
  const wording = [entry.title, entry.summary ?? "", ...entry.match, ...(entry.examples ?? [])].join("\n");
  if (speaksOfProduction(wording)) {
    return production(`route "${entry.id}" speaks of production but is not flagged production: production routes change through a human`);
  }
  return productionReachProblem(entry, existing, catalog);
}

/**
 * What a route without the production flag may not newly take from a production route: its
 * playbook (the answer would quote production steps, and a change to it would no longer be
 * seen as one), its match phrases or its examples (its questions would route past the gate).
 * Phrases compare as words: case, punctuation, spacing and look-alikes do not matter, and a
 * phrase that contains a production phrase counts as one.
 */
function productionReachProblem(entry: Route, existing: Route | undefined, catalog: Catalog): CharterProblem | undefined {
  const others = catalog.routes.filter((r) => r.id !== entry.id && isProductionRoute(r));
  if (others.length === 0) return undefined;
  if (entry.playbook !== undefined && entry.playbook !== existing?.playbook) {
    const claimed = catalog.playbooks.find((p) => p.path === entry.playbook)?.meta.routes ?? [];
    if (others.some((r) => r.playbook === entry.playbook || claimed.includes(r.id))) {
      return production(`route "${entry.id}" is not flagged production but would point to a playbook a production route is served by: production routes change through a human`);
    }
  }
  const productionPhrases = others.flatMap((r) => [...r.match, ...(r.examples ?? [])].map(phraseWords)).filter((p) => p.length > 0);
  const had = new Set([...(existing?.match ?? []), ...(existing?.examples ?? [])].map(phraseWords));
  for (const value of [...entry.match, ...(entry.examples ?? [])]) {
    const words = phraseWords(value);
    if (had.has(words) || words.length === 0) continue;
    if (productionPhrases.some((p) => ` ${words} `.includes(` ${p} `))) {
      return production(`route "${entry.id}" is not flagged production but would take a match phrase or example of a production route: production routes change through a human`);
    }
  }
  return undefined;
}

/** A phrase as its words: normalised, lower case, letters and digits only, single spaces. */
function phraseWords(text: string): string {
  return normalizeForScan(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function authorityProblem(change: RouteChange, existing: Route | undefined, sender: string, owners: readonly Owner[]): CharterProblem | undefined {
  const routeId = change.op === "retire" ? change.route_id : change.entry.id;
  // An update or retire answers to the owner on record; a new route to the owner it proposes.
  const ownerId = change.op === "add" ? change.entry.owner : existing?.owner;
  if (ownerId === undefined) return undefined; // unknown route: the edit itself fails, with its own reason
  const owner = owners.find((o) => o.id === ownerId);
  if (owner && owner.hub_agent === sender) return undefined;
  const whose = describeOwner(owner, ownerId);
  return {
    rule: "change-authority",
    category: "policy",
    reason: `needs a maintainer: ${change.op} of route "${routeId}" may only come from its ${whose}`,
  };
}

/** How a refusal names the owner whose agent may send the change. */
function describeOwner(owner: Owner | undefined, ownerId: string): string {
  return owner ? `owner ${owner.id} (hub agent ${owner.hub_agent})` : `owner ${ownerId}, which is not in the owners registry`;
}

/** The routes a playbook serves: those pointing to it and those its front matter names. */
function routesServedBy(path: string, claimedRoutes: Iterable<string>, catalog: Catalog): Route[] {
  const claimed = new Set(claimedRoutes);
  return catalog.routes.filter((r) => r.playbook === path || claimed.has(r.id));
}

function policy(reason: string): CharterProblem {
  return { rule: "charter", category: "policy", reason };
}

function production(reason: string): CharterProblem {
  return { rule: "charter", category: "production", reason };
}

/** A playbook may not serve a production route, whether it is one already or claims one in its front matter. */
export function playbookServesProduction(path: string, frontMatterRoutes: readonly string[], catalog: Catalog): Route | undefined {
  return routesServedBy(path, frontMatterRoutes, catalog).find((r) => isProductionRoute(r));
}

/**
 * Change authority for a playbook: what it says reaches the answers of every route it serves —
 * routes pointing to it and routes its front matter claims, before and after the change — so the
 * sender must be the owner agent of each of them. ops-warden's own lanes (SSH) have no owner
 * agent but ops-warden: their owners are the maintainers who review the pull request, so a
 * correction from any agent may become one. A playbook serving no route answers to no owner.
 */
export function playbookAuthorityProblem(path: string, frontMatterRoutes: readonly string[], sender: string, catalog: Catalog): CharterProblem | undefined {
  const served = routesServedBy(path, frontMatterRoutes, catalog);
  const unknown = frontMatterRoutes.filter((id) => !catalog.routes.some((r) => r.id === id));
  if (served.length === 0 || unknown.length > 0) {
    const why = unknown.length > 0 ? `it names route(s) not in the catalog (${unknown.slice(0, 3).join(", ")})` : "it serves no route, so no owner can vouch for it";
    return { rule: "change-authority", category: "policy", reason: `needs a maintainer: ${path} — ${why}` };
  }
  for (const route of served) {
    if (route.owner === WARDEN_AGENT) continue;
    const owner = catalog.owners.find((o) => o.id === route.owner);
    if (owner && owner.hub_agent === sender) continue;
    const whose = describeOwner(owner, route.owner);
    return { rule: "change-authority", category: "policy", reason: `needs a maintainer: ${path} serves route "${route.id}", whose playbook may only be changed by its ${whose}` };
  }
  return undefined;
}

/**
 * The charter on a playbook's front matter, checked on the parsed change: a playbook may claim
 * `owner: ops-warden` or `lane: issue` only when every route it serves (routes pointing to it
 * and routes its front matter names, before and after the change) is an SSH certificate route;
 * and a message cannot change an existing playbook's `owner` or `lane` — a maintainer's edit,
 * like a route's.
 */
export function playbookCharterProblem(
  path: string,
  before: { owner: string; lane: Lane; routes: readonly string[] } | undefined,
  after: { owner: string; lane: Lane; routes: readonly string[] },
  catalog: Catalog,
): CharterProblem | undefined {
  if (before) {
    for (const field of ["owner", "lane"] as const) {
      if (after[field] !== before[field]) return policy(`a message cannot change a playbook's ${field} (${path}): that is a maintainer's edit`);
    }
  }
  if (after.lane !== "issue" && after.owner !== WARDEN_AGENT) return undefined;
  if (!routesServedBy(path, [...(before?.routes ?? []), ...after.routes], catalog).every(isSshCertificateRoute)) {
    return policy(`only a playbook serving SSH certificate routes alone may have lane "issue" or owner ops-warden (${path})`);
  }
  return undefined;
}
