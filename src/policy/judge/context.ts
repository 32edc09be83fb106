import type { WardenConfig } from "../../config/schema.ts";
import type { Catalog, RouteIndex } from "../../domain/catalog.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import type { CatalogWorkspace } from "../../domain/workspace.ts";

/**
 * What the judges look at: the catalog and route index as they are on the default branch, the
 * workspace that applies and validates changes (pure, in memory), the secret scanner and the
 * configured limits. Never the brain's view: a brain cannot change what the guards see.
 */
export interface JudgeContext {
  catalog: Catalog;
  index: RouteIndex;
  workspace: CatalogWorkspace;
  scanner: SecretScanner;
  settings: Pick<WardenConfig, "replies" | "limits">;
}
