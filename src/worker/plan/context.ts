import type { Brain, BrainContext } from "../../brain/brain.ts";
import type { WardenConfig } from "../../config/schema.ts";
import type { Route } from "../../domain/catalog.ts";
import type { SecretScanner } from "../../domain/secrets.ts";

export type CatalogEdit =
  | { op: "add"; entry: Route }
  | { op: "update"; entry: Route }
  | { op: "retire"; route_id: string };

export interface FileChange {
  file: string;
  before: string;
  after: string;
}

/**
 * The repository's catalog as the planner may change it: pure operations over the files as
 * they are on the default branch. Implemented in `catalog/workspace.ts`.
 */
export interface CatalogWorkspace {
  fileText(path: string): string | undefined;
  /** The file a catalog edit lands in and its text before and after; throws CatalogError if it cannot apply. */
  applyEdit(edit: CatalogEdit): FileChange;
  /** `warden catalog validate` over the catalog with these files replaced: formatted errors, empty when valid. */
  validateWith(changes: ReadonlyMap<string, string>): Promise<string[]>;
}

export interface PlanContext {
  brain: Brain;
  brainContext: BrainContext;
  workspace: CatalogWorkspace;
  scanner: SecretScanner;
  config: WardenConfig;
  /** The first steps of a route's playbook, for route answers. */
  stepsFor(route: Route): string[];
}
