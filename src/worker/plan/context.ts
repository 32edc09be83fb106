import type { Brain, BrainContext } from "../../brain/brain.ts";
import type { WardenConfig } from "../../config/schema.ts";
import type { Route } from "../../domain/catalog.ts";
import type { Logger } from "../../domain/logger.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import type { JudgeContext } from "../../policy/judge/context.ts";

export type { CatalogEdit, CatalogWorkspace, FileChange } from "../../domain/workspace.ts";

export interface PlanContext {
  brain: Brain;
  brainContext: BrainContext;
  /** What the guardrails judge against: the catalog, index and workspace directly, never the brain's view. */
  judge: JudgeContext;
  scanner: SecretScanner;
  config: WardenConfig;
  /** The first steps of a route's playbook, for route answers. */
  stepsFor(route: Route): string[];
  /** Operational log; a guard that throws is reported here with its (redacted) stack. */
  logger?: Logger;
}
