import { LlmError } from "../../domain/errors.ts";
import { redactKnownValues } from "../../domain/secrets.ts";
import type { RetryPolicy } from "../http/retry.ts";
import { DEFAULT_RETRY_POLICY } from "../http/retry.ts";
import type { FetchLike, HttpFailure, TransportOptions } from "../http/transport.ts";
import { callHttp } from "../http/transport.ts";

/** A model answer is bounded by max_tokens; anything near this size is not an answer. */
export const MAX_LLM_RESPONSE_BYTES = 1024 * 1024;

export interface LlmHttpOptions {
  /** Shown in errors: `llm-connect` or `openai`. */
  service: string;
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; never in a body, an error or a log. */
  token: string | undefined;
  timeoutMs: number;
  maxAttempts: number;
  /** Credential values from the environment: a request body that contains one is never sent. */
  knownValues: readonly string[];
  fetch?: FetchLike;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
  random?: () => number;
}

/**
 * POSTs a JSON body through the one HTTP transport (timeouts, bounded retries on 429/502/503/504
 * honouring Retry-After, bounded response size) and returns the response text. A model call has
 * no side effect, so retrying it is safe. Every failure is an `LlmError` in our own words.
 */
export async function postJson(options: LlmHttpOptions, path: string, body: unknown): Promise<string> {
  const serialised = JSON.stringify(body);
  // Defence in depth behind the inbound gate: no credential of ours ever leaves in a prompt.
  if (options.knownValues.some((value) => serialised.includes(value))) {
    throw new LlmError(`${options.service} POST ${path}: the request would carry a credential from the environment; not sent`, { code: "refused" });
  }
  const transport: TransportOptions = {
    service: options.service,
    baseUrl: options.baseUrl,
    token: options.token || undefined,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    dispatcher: undefined,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: MAX_LLM_RESPONSE_BYTES,
    retry: { ...DEFAULT_RETRY_POLICY, maxTotalMs: options.timeoutMs * options.maxAttempts, ...options.retry, maxAttempts: options.maxAttempts },
    clock: options.clock ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    fail: (failure: HttpFailure) => new LlmError(redactKnownValues(failure.message, options.knownValues), { code: failure.code, ...(failure.status === undefined ? {} : { status: failure.status }) }),
  };
  const reply = await callHttp(transport, { method: "POST", path, body, expect: [200] });
  return reply.text;
}

/** Parses a response body as JSON or says, in our words, that it is not. */
export function parseJsonBody(text: string, where: string): unknown {
  if (text.trim() === "") throw new LlmError(`${where}: empty response body`, { code: "bad_response" });
  try {
    return JSON.parse(text);
  } catch {
    throw new LlmError(`${where}: the response is not JSON`, { code: "bad_response" });
  }
}
