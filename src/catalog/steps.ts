import type { Catalog, Route } from "../domain/catalog.ts";

/**
 * The first steps of a route's playbook, for rendering an answer. Playbooks are secret-scanned by
 * validation, so these are safe to quote; a route without a playbook has no steps.
 */
export function routeSteps(route: Route, catalog: Pick<Catalog, "playbooks">, limit = 3): string[] {
  if (!route.playbook) return [];
  const playbook = catalog.playbooks.find((p) => p.path === route.playbook);
  return playbook ? playbook.steps.slice(0, Math.max(0, limit)) : [];
}
