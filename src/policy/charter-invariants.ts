import type { EscalationCategory } from "../domain/action.ts";
import type { Catalog, Owner, Route } from "../domain/catalog.ts";
import { WARDEN_AGENT } from "../domain/message.ts";

/**
 * The charter's rules for catalog changes as invariants in code, checked on the typed change
 * whatever wording it came with:
 *
 * - ops-warden issues SSH user certificates and nothing else: only SSH kinds may have
 *   `lane: issue` or `owner: ops-warden`;
 * - a message cannot move a route's `owner`, `lane` or `sensitivity` (so it cannot drop
 *   `production` either): those are a maintainer's edit;
 * - a route whose values speak of production must carry the `production` flag, so the
 *   production gate (which trusts the flag) sees it;
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

const SSH_KIND = /^ssh(?:-|$)/;
/** Production wording in a route's own values (the inbound gate's verbs are not needed here). */
const PRODUCTION_WORD = /\b(?:production|prod|prd)\b|\blive\s+(?:env(?:ironment)?s?|clusters?|systems?|hosts?|servers?|fleet|databases?)\b/i;

export function charterProblem(change: RouteChange, existing: Route | undefined, sender: string, catalog: Catalog): CharterProblem | undefined {
  return authorityProblem(change, existing, sender, catalog.owners) ?? invariantProblem(change, existing);
}

function invariantProblem(change: RouteChange, existing: Route | undefined): CharterProblem | undefined {
  if (change.op === "retire") return undefined;
  const entry = change.entry;
  if ((entry.lane === "issue" || entry.owner === WARDEN_AGENT) && !entry.kinds.every((kind) => SSH_KIND.test(kind))) {
    return policy(`only SSH kinds may have lane "issue" or owner ops-warden; route "${entry.id}" has kinds ${entry.kinds.join(", ")}`);
  }
  if (existing) {
    for (const field of ["owner", "lane"] as const) {
      if (entry[field] !== existing[field]) return policy(`a message cannot change a route's ${field} (route "${entry.id}"): that is a maintainer's edit`);
    }
    if ([...entry.sensitivity].sort().join() !== [...existing.sensitivity].sort().join()) {
      return policy(`a message cannot change a route's sensitivity (route "${entry.id}"): that is a maintainer's edit`);
    }
  }
  const wording = [entry.title, entry.summary ?? "", ...entry.match].join("\n");
  if (!entry.sensitivity.includes("production") && PRODUCTION_WORD.test(wording)) {
    return { rule: "charter", category: "production", reason: `route "${entry.id}" speaks of production but is not flagged production: production routes change through a human` };
  }
  return undefined;
}

function authorityProblem(change: RouteChange, existing: Route | undefined, sender: string, owners: readonly Owner[]): CharterProblem | undefined {
  const routeId = change.op === "retire" ? change.route_id : change.entry.id;
  // An update or retire answers to the owner on record; a new route to the owner it proposes.
  const ownerId = change.op === "add" ? change.entry.owner : existing?.owner;
  if (ownerId === undefined) return undefined; // unknown route: the edit itself fails, with its own reason
  const owner = owners.find((o) => o.id === ownerId);
  if (owner && owner.hub_agent === sender) return undefined;
  const whose = owner ? `owner ${owner.id} (hub agent ${owner.hub_agent})` : `owner ${ownerId}, which is not in the owners registry`;
  return {
    rule: "change-authority",
    category: "policy",
    reason: `needs a maintainer: ${change.op} of route "${routeId}" may only come from its ${whose}`,
  };
}

function policy(reason: string): CharterProblem {
  return { rule: "charter", category: "policy", reason };
}

/** A playbook may not serve a production route, whether it is one already or claims one in its front matter. */
export function playbookServesProduction(path: string, frontMatterRoutes: readonly string[], catalog: Catalog): Route | undefined {
  const production = (r: Route) => r.sensitivity.includes("production");
  return catalog.routes.find((r) => production(r) && (r.playbook === path || frontMatterRoutes.includes(r.id)));
}

/**
 * Change authority for a playbook: what it says reaches the answers of every route it serves —
 * routes pointing to it and routes its front matter claims, before and after the change — so the
 * sender must be the owner agent of each of them. ops-warden's own lanes (SSH) have no owner
 * agent but ops-warden: their owners are the maintainers who review the pull request, so a
 * correction from any agent may become one. A playbook serving no route answers to no owner.
 */
export function playbookAuthorityProblem(path: string, frontMatterRoutes: readonly string[], sender: string, catalog: Catalog): CharterProblem | undefined {
  const served = catalog.routes.filter((r) => r.playbook === path || frontMatterRoutes.includes(r.id));
  const unknown = frontMatterRoutes.filter((id) => !catalog.routes.some((r) => r.id === id));
  if (served.length === 0 || unknown.length > 0) {
    const why = unknown.length > 0 ? `it names route(s) not in the catalog (${unknown.slice(0, 3).join(", ")})` : "it serves no route, so no owner can vouch for it";
    return { rule: "change-authority", category: "policy", reason: `needs a maintainer: ${path} — ${why}` };
  }
  for (const route of served) {
    if (route.owner === WARDEN_AGENT) continue;
    const owner = catalog.owners.find((o) => o.id === route.owner);
    if (owner && owner.hub_agent === sender) continue;
    const whose = owner ? `owner ${owner.id} (hub agent ${owner.hub_agent})` : `owner ${route.owner}, which is not in the owners registry`;
    return { rule: "change-authority", category: "policy", reason: `needs a maintainer: ${path} serves route "${route.id}", whose playbook may only be changed by its ${whose}` };
  }
  return undefined;
}
