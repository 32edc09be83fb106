import type { Catalog, Lane, Route, RouteStatus, Sensitivity } from "../domain/catalog.ts";
import type { QuotedStep } from "./steps.ts";
import { routeSteps } from "./steps.ts";

/**
 * Everything an answer says about a route, built from the catalog alone. `warden route` (text
 * and `--json`) and the worker's reply all render this one view, so they carry the same fields
 * and the same warnings (draft, retired, sensitivity).
 */
export interface RouteAnswerView {
  id: string;
  title: string;
  owner: { id: string; name: string; hub_agent: string | null; contact: string | null };
  lane: Lane;
  status: RouteStatus;
  playbook: string | null;
  sensitivity: Sensitivity[];
  /** On a retired route: the route that replaced it. */
  superseded_by: { id: string; title: string } | null;
  /** Plain sentences the asker must read before relying on the route. */
  warnings: string[];
  steps: QuotedStep[];
}

export function routeAnswerView(route: Route, catalog: Catalog, question = ""): RouteAnswerView {
  const owner = catalog.owners.find((o) => o.id === route.owner);
  const successor = route.superseded_by ? catalog.routes.find((r) => r.id === route.superseded_by) : undefined;
  return {
    id: route.id,
    title: route.title,
    owner: { id: route.owner, name: owner?.name ?? route.owner, hub_agent: owner?.hub_agent ?? null, contact: owner?.contact ?? null },
    lane: route.lane,
    status: route.status,
    playbook: route.playbook ?? null,
    sensitivity: [...route.sensitivity],
    superseded_by: successor ? { id: successor.id, title: successor.title } : null,
    warnings: routeWarnings(route, successor),
    // A retired route's steps are history: the answer points at its successor instead.
    steps: route.status === "retired" ? [] : routeSteps(route, catalog, question),
  };
}

function routeWarnings(route: Route, successor: Route | undefined): string[] {
  const warnings: string[] = [];
  if (route.status === "retired") {
    warnings.push(successor ? `Retired: use ${successor.title} (${successor.id}) instead.` : "Retired: this route no longer answers; ask the owner what replaced it.");
  }
  if (route.status === "draft" || route.lane === "draft") warnings.push("Draft: this lane is not ready yet; confirm with the owner before relying on it.");
  if (route.sensitivity.includes("production")) warnings.push("Production: access is granted only after a human review.");
  return warnings;
}

/** "OpenBao (hub agent openbao) · #platform-openbao (chat)": each fact once. */
export function ownerLine(owner: RouteAnswerView["owner"]): string {
  const agent = owner.hub_agent && owner.hub_agent.toLowerCase() !== owner.name.toLowerCase() ? ` (hub agent ${owner.hub_agent})` : "";
  return `${owner.name}${agent}${owner.contact ? ` · ${owner.contact}` : ""}`;
}

/** What the lane means for the asker, in one sentence (a draft lane's warning says it already). */
export function laneNote(lane: Lane): string | undefined {
  switch (lane) {
    case "issue":
      return "ops-warden issues this credential itself: send what the steps ask for, in this thread.";
    case "owner-native":
      return "The owner issues this credential through its own path; ops-warden never handles the secret value.";
    case "pointer":
      return "A documented pointer: the owner's documentation is authoritative.";
    case "draft":
      return undefined;
  }
}
