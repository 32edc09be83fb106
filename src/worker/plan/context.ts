import type { Brain, BrainContext } from "../../brain/brain.ts";
import type { WardenConfig } from "../../config/schema.ts";
import type { Logger } from "../../domain/logger.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import type { ThreadAnswers } from "../../domain/thread-answers.ts";
import type { CatalogBase } from "../../domain/workspace.ts";
import type { JudgeContext } from "../../policy/judge/context.ts";

export type { CatalogEdit, CatalogWorkspace, FileChange } from "../../domain/workspace.ts";

export interface PlanContext {
  brain: Brain;
  brainContext: BrainContext;
  /** What the guardrails judge against: the catalog, index and workspace directly, never the brain's view. */
  judge: JudgeContext;
  scanner: SecretScanner;
  config: WardenConfig;
  /** Route answers already planned or sent per thread, for short follow-up answers. */
  threads: ThreadAnswers;
  /** The catalog the plan is computed against; every change effect carries it. */
  base: CatalogBase;
  /** Operational log; a guard that throws is reported here with its (redacted) stack. */
  logger?: Logger;
}
