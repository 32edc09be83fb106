import type { RouteInput } from "./catalog.ts";

/** A typed change to one catalog route; code turns it into YAML (`catalog/yaml-edit.ts`). */
export type CatalogEdit =
  | { op: "add"; entry: RouteInput }
  | { op: "update"; entry: RouteInput }
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

/**
 * The catalog a plan was computed against: the repository's commit when the root is a git
 * checkout, and always a hash of the catalog and playbook files as read. Execution compares it
 * with the default branch and re-plans when the catalog moved, instead of overwriting a newer file.
 */
export interface CatalogBase {
  commit?: string;
  /** sha256 over every file under catalog/ and playbooks/ (path and bytes), in path order. */
  tree: string;
}
