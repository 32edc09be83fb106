import type { LlmConfig } from "../../config/schema.ts";
import { ConfigError } from "../../domain/errors.ts";
import type { LlmClient } from "../../domain/llm.ts";
import { secretValuesFromEnv } from "../../domain/secrets.ts";
import type { LlmHttpOptions } from "./transport.ts";
import { createLlmConnectClient } from "./llm-connect.ts";
import { createOpenAiClient } from "./openai.ts";

export { createFileDecisionCache } from "./decision-cache.ts";

/** Test seams for the HTTP side (fetch, sleep, clock); production uses the defaults. */
export type LlmHttpSeams = Pick<LlmHttpOptions, "fetch" | "sleep" | "clock" | "random" | "retry">;

/** The configured endpoint's base URL, or undefined when none is configured (then no model brain). */
export function modelEndpoint(config: LlmConfig, env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = config.provider === "openai" ? env.WARDEN_LLM_BASE_URL : env.LLM_CONNECT_URL;
  return fromEnv?.trim() || config.url;
}

/**
 * Builds the configured provider's client from config and environment, or undefined when no
 * endpoint is configured. Which provider is used is config alone, never a message.
 */
export function createLlmClient(config: LlmConfig, env: NodeJS.ProcessEnv, seams: LlmHttpSeams = {}): LlmClient | undefined {
  const baseUrl = modelEndpoint(config, env);
  if (baseUrl === undefined) return undefined;
  checkUrl(baseUrl, config.provider === "openai" ? "WARDEN_LLM_BASE_URL or llm.url" : "LLM_CONNECT_URL or llm.url");
  const common = { baseUrl, timeoutMs: config.timeout_seconds * 1000, maxAttempts: config.max_attempts, knownValues: secretValuesFromEnv(env), ...seams };
  if (config.provider === "llm-connect") return createLlmConnectClient({ ...common, token: env.LLM_CONNECT_TOKEN });
  const model = env.WARDEN_LLM_MODEL?.trim() || config.model;
  if (!model) throw new ConfigError("llm.provider openai needs a model: set llm.model in the config or WARDEN_LLM_MODEL");
  return createOpenAiClient({ ...common, token: env.WARDEN_LLM_API_KEY }, model);
}

function checkUrl(value: string, where: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${where} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(`${where} must be an http(s) URL`);
  if (url.username || url.password) throw new ConfigError(`${where} must not carry credentials; use LLM_CONNECT_TOKEN or WARDEN_LLM_API_KEY`);
}
