/**
 * The port between a language-model brain and a model endpoint. The brain plans; an adapter in
 * `adapters/llm/` (llm-connect, or an OpenAI-compatible server) does the HTTP. Everything a
 * response carries is untrusted: the brain validates the output like any other boundary input.
 */

export interface LlmRequest {
  /** The fixed charter, byte for byte; never built from config, environment or a message. */
  system: string;
  /** The framed message and the candidate routes (brain/llm/framing.ts). */
  input: string;
  /** JSON Schema of the answer, generated from the zod proposal schema. */
  responseSchema: Record<string, unknown>;
  maxTokens: number;
  temperature: 0;
}

export interface LlmUsage {
  input_tokens: number;
  output_tokens: number;
}

export interface LlmResponse {
  /** The model's answer as text; expected to parse as JSON matching `responseSchema`. */
  output: string;
  /** The model name the endpoint reported (untrusted: shown only after sanitising). */
  model: string;
  usage: LlmUsage;
  /** The endpoint said the answer stopped at the token cap. */
  truncated: boolean;
  /** The endpoint's refusal text, when the model declined to answer. */
  refusal?: string;
}

/** One model call. Implementations throw `LlmError` for every failure (status, timeout, bad body). */
export interface LlmClient {
  /** `llm-connect` or `openai`: shown in plans, part of the decision-cache key. */
  readonly provider: string;
  /** The configured model, if the provider takes one; part of the decision-cache key. */
  readonly model: string | undefined;
  complete(request: LlmRequest): Promise<LlmResponse>;
}

/**
 * Stored model decisions, so a dry-run tick and the following `--execute` tick act on the same
 * decision. Values are read back as `unknown`: the brain validates a cached entry like a fresh one.
 */
export interface DecisionCache {
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
}

/** What the model cost for one message (summed per tick in the plan summary). */
export interface LlmCost {
  calls: number;
  cache_hits: number;
  input_tokens: number;
  output_tokens: number;
  failures: number;
}

export const NO_LLM_COST: LlmCost = { calls: 0, cache_hits: 0, input_tokens: 0, output_tokens: 0, failures: 0 };
