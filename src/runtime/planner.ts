import type { Brain } from "../brain/brain.ts";
import { buildBrain } from "../brain/registry.ts";
import type { LlmHttpSeams } from "../adapters/llm/index.ts";
import { buildRouteIndex, countErrors, formatProblem, readCatalogFiles, validateCatalogFiles } from "../catalog/index.ts";
import { catalogTreeHash } from "../catalog/tree-hash.ts";
import { createCatalogWorkspace } from "../catalog/workspace.ts";
import type { CatalogFiles } from "../catalog/files.ts";
import type { CatalogBase } from "../domain/workspace.ts";
import { readHeadCommit } from "../adapters/repo-head.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { Catalog } from "../domain/catalog.ts";
import { CatalogError } from "../domain/errors.ts";
import type { Logger } from "../domain/logger.ts";
import type { Message } from "../domain/message.ts";
import type { SecretScanner } from "../domain/secrets.ts";
import { secretValuesFromEnv } from "../domain/secrets.ts";
import { withKnownValues } from "../policy/known-values.ts";
import { createSecretScanner } from "../policy/secrets/index.ts";
import { loadWordModel } from "../policy/words/word-model.ts";
import type { PlanContext } from "../worker/plan/context.ts";
import { cachingScanner } from "./scanner-cache.ts";
import { planMessage, planOverDeadline } from "../worker/plan/plan-message.ts";
import { createThreadAnswers } from "../worker/plan/thread-answers.ts";
import type { MessagePlan } from "../worker/plan/types.ts";

export interface Planner {
  brainName: string;
  catalog: Catalog;
  /** The scanner the planner uses (known environment values included), shared with the executor. */
  scanner: SecretScanner;
  plan(message: Message): Promise<MessagePlan>;
  /** The plan of a message that could not be screened in time: from its sender and ids alone. */
  planOverDeadline(message: Message, deadlineMs: number): Promise<MessagePlan>;
  /** How many messages the tick may plan at once (1 unless planning runs on threads). */
  concurrency?: number;
  /** Stops planning threads, if any. */
  close?(): Promise<void>;
  /** Starts a tick: the brain's per-tick budgets start over. */
  beginTick(): void;
}

export interface PlannerOptions {
  root: string;
  config: WardenConfig;
  /** Default: the config's `brain:`, else cascade when a model endpoint is configured, else rule. */
  brainKind?: string | undefined;
  /** Test seams for a model endpoint's HTTP side. */
  llmHttp?: LlmHttpSeams;
  env: NodeJS.ProcessEnv;
  scanner?: SecretScanner;
  /** A ready brain instead of `brainKind` (tests plan with hostile brains this way). */
  brain?: Brain;
  /** Operational log; a guard that throws is reported here. */
  logger?: Logger;
}

/**
 * Wires the planner with production defaults: the catalog and playbooks of `root` (which must
 * validate — the worker never plans against a broken catalog), the route index, the secret
 * scanner and the configured brain.
 */
export async function buildPlanner(options: PlannerOptions): Promise<Planner> {
  const scanner = cachingScanner(withKnownValues(options.scanner ?? createSecretScanner(), secretValuesFromEnv(options.env)));
  // The model's parts (an HTTP client among them) load only when a model brain may be used: a
  // planning thread of the rule brain starts without them.
  const modelModule = options.brainKind === "rule" || options.brain ? undefined : await import("./model.ts");
  const brainKind = options.brainKind ?? modelModule?.defaultBrainKind(options.config, options.env) ?? "rule";
  const model = brainKind === "rule" || !modelModule ? undefined : modelModule.buildModelParts({ config: options.config, env: options.env, root: options.root, scanner, ...(options.llmHttp ? { http: options.llmHttp } : {}) });
  const brain = options.brain ?? buildBrain(brainKind, { env: options.env, model });
  // The renderer's word lists load beside the catalog: planning never starts without them.
  const [files] = await Promise.all([readCatalogFiles(options.root), loadWordModel()]);
  const { catalog, problems } = await validateCatalogFiles(files, { scanner });
  if (countErrors(problems) > 0) {
    const shown = problems.filter((p) => p.severity === "error").slice(0, 10).map(formatProblem).join("\n");
    throw new CatalogError(`the catalog does not validate; fix it before running the worker:\n${shown}`);
  }
  const index = buildRouteIndex(catalog.routes, catalog.playbooks, catalog.owners);
  const workspace = createCatalogWorkspace(files, scanner);
  const threads = createThreadAnswers();
  const context: PlanContext = {
    brain,
    brainContext: {
      index,
      catalog,
      fileText: (path) => workspace.fileText(path),
      linkHosts: options.config.replies.link_hosts,
      earlierRoute: (message) => threads.earlierRoute(message.thread_id, message.id, message.created_at),
    },
    judge: { catalog, index, workspace, scanner, settings: options.config },
    scanner,
    config: options.config,
    threads,
    base: await catalogBase(options.root, files),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  return {
    brainName: brain.name,
    catalog,
    scanner,
    plan: (message) => planMessage(message, context),
    planOverDeadline: (message, deadlineMs) => planOverDeadline(message, deadlineMs, context),
    beginTick: () => brain.beginTick?.(),
  };
}

async function catalogBase(root: string, files: CatalogFiles): Promise<CatalogBase> {
  const commit = await readHeadCommit(root);
  return { ...(commit ? { commit } : {}), tree: catalogTreeHash(files) };
}
