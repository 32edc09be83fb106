import type { Route, RouteInput } from "../domain/catalog.ts";
import { addedContentProblem, stringsOf } from "./added-content.ts";
import { detectInjection } from "./injection.ts";
import { normalizeForScan } from "./secrets/index.ts";
import type { Verdict } from "./verdict.ts";
import { downgrade } from "./verdict.ts";

/**
 * Text an entry adds is rendered into every answer for the route and read by any brain that
 * plans with the catalog: no foreign links, images or HTML, and no instructions aimed at agents.
 */
export function entryContentProblem(existing: Route | undefined, entry: RouteInput, linkHosts: readonly string[]): Verdict | undefined {
  const after = stringsOf(entry);
  const content = addedContentProblem(stringsOf(existing ?? {}), after, linkHosts);
  if (content) return downgrade("content", "policy", content);
  const injection = detectInjection(normalizeForScan(after));
  return injection ? downgrade("injection", "policy", `the entry addresses instructions to agents (${injection.pattern})`) : undefined;
}
