import type { Brain, BrainContext } from "../../brain/brain.ts";
import type { WardenConfig } from "../../config/schema.ts";
import type { Route } from "../../domain/catalog.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import type { CatalogWorkspace } from "../../domain/workspace.ts";

export type { CatalogEdit, CatalogWorkspace, FileChange } from "../../domain/workspace.ts";

export interface PlanContext {
  brain: Brain;
  brainContext: BrainContext;
  workspace: CatalogWorkspace;
  scanner: SecretScanner;
  config: WardenConfig;
  /** The first steps of a route's playbook, for route answers. */
  stepsFor(route: Route): string[];
}
