import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import type { LlmHttpSeams } from "../adapters/llm/index.ts";
import { createFileDecisionCache, createLlmClient, modelEndpoint } from "../adapters/llm/index.ts";
import { CallBudget } from "../brain/llm/call-budget.ts";
import type { LlmBrainOptions } from "../brain/llm/llm-brain.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { SecretScanner } from "../domain/secrets.ts";

/** The brain when neither flag nor config names one: cascade once a model endpoint is configured. */
export function defaultBrainKind(config: WardenConfig, env: NodeJS.ProcessEnv): string {
  return config.brain ?? (modelEndpoint(config.llm, env) ? "cascade" : "rule");
}

/** Where ops-warden keeps local state (the decision cache): WARDEN_STATE_DIR, else `.warden/` under the root. */
export function stateDir(root: string, env: NodeJS.ProcessEnv): string {
  return env.WARDEN_STATE_DIR ? resolve(root, env.WARDEN_STATE_DIR) : join(root, ".warden");
}

/**
 * A model brain's parts from config and environment: the provider's client, the decision cache,
 * the per-tick call budget, and an unpredictable boundary per request. Undefined when no model
 * endpoint is configured (the registry then refuses the llm and cascade brains by name).
 */
export function buildModelParts(input: { config: WardenConfig; env: NodeJS.ProcessEnv; root: string; scanner: SecretScanner; http?: LlmHttpSeams }): LlmBrainOptions | undefined {
  const { config, env } = input;
  const client = createLlmClient(config.llm, env, input.http);
  if (!client) return undefined;
  return {
    client,
    scanner: input.scanner,
    budget: new CallBudget(config.limits.llm_calls_per_tick),
    cache: config.llm.cache ? createFileDecisionCache(join(stateDir(input.root, env), "llm-decisions")) : undefined,
    maxTokens: config.llm.max_tokens,
    candidateRoutes: config.llm.candidate_routes,
    drawBoundary: () => randomBytes(16).toString("hex"),
  };
}
