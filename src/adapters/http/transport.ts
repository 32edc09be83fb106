import { redactKnownValues } from "../../domain/secrets.ts";
import { ResponseTooLarge, buildInit, buildUrl, decodeLenient, readBounded } from "./request.ts";
import type { RetryPolicy } from "./retry.ts";
import { RETRYABLE_STATUSES, decideRetry, parseRetryAfter } from "./retry.ts";
import { safeCause, truncate } from "./safe-cause.ts";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What went wrong with a call, before it becomes the service's own typed error. */
export interface HttpFailure {
  message: string;
  code: string;
  status?: number;
  cause?: unknown;
}

export interface TransportOptions {
  /** The service's name in error messages, e.g. `hub`. */
  service: string;
  baseUrl: string;
  token: string | undefined;
  /** The header the token goes in, as-is (e.g. `x-vault-token`); default `authorization: Bearer …`. */
  tokenHeader?: string;
  fetch: FetchLike;
  /** An undici `Dispatcher` (e.g. an `Agent` with tuned pools), passed through to fetch. */
  dispatcher: unknown;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: RetryPolicy;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Turns a failure into the service's typed error (e.g. `HubError`). */
  fail: (failure: HttpFailure) => Error;
  /** Reads the service's error body, if it has a format: its code and message (both untrusted). */
  errorDetail?: (text: string) => { code: string; message: string } | undefined;
  /** Aborts the call at once, mid-request or mid-wait, with no retry (an operator's Ctrl-C). */
  signal?: AbortSignal | undefined;
}

export interface HttpCall {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path under the base URL, e.g. `/v1/inbox`; used in error messages too. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
  /** Success statuses; anything else is an error. */
  expect: readonly number[];
}

export interface HttpReply {
  status: number;
  /** The body decoded as UTF-8 without `fatal`: broken bytes become U+FFFD, judged later by the caller. */
  text: string;
}

type Attempt = { reply: HttpReply } | { failure: HttpFailure; retryable: boolean; retryAfterMs?: number };

/**
 * One call with timeout and bounded retries. Only idempotent calls belong here (every write
 * carries an idempotency key or is idempotent by its nature), so any retry is safe.
 */
export async function callHttp(options: TransportOptions, call: HttpCall): Promise<HttpReply> {
  const started = options.clock();
  for (let attempt = 1; ; attempt += 1) {
    if (options.signal?.aborted) throw options.fail(aborted(options, call));
    const result = await attemptOnce(options, call);
    if ("reply" in result) return result.reply;
    if (options.signal?.aborted) throw options.fail(aborted(options, call));
    if (!result.retryable) throw options.fail(result.failure);
    const decision = decideRetry({
      attempt,
      elapsedMs: options.clock() - started,
      retryAfterMs: result.retryAfterMs,
      policy: options.retry,
      random: options.random,
    });
    if (!decision.retry) throw options.fail({ ...result.failure, message: `${result.failure.message}; ${decision.why}` });
    await untilAborted(options.sleep(decision.waitMs), options.signal);
  }
}

function aborted(options: TransportOptions, call: HttpCall): HttpFailure {
  return { message: `${options.service} ${call.method} ${call.path}: interrupted`, code: "aborted" };
}

/** `work`, cut short when `signal` aborts; the caller checks the signal afterwards. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(undefined);
  let onAbort = () => undefined as void;
  const abort = new Promise<undefined>((resolve) => (onAbort = () => resolve(undefined)));
  signal.addEventListener("abort", onAbort, { once: true });
  return Promise.race([work, abort]).finally(() => signal.removeEventListener("abort", onAbort));
}

async function attemptOnce(options: TransportOptions, call: HttpCall): Promise<Attempt> {
  const where = `${options.service} ${call.method} ${call.path}`;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced as well as aborted: the deadline holds even for a fetch that ignores its signal.
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, options.timeoutMs);
  });
  const exchange = (async (): Promise<{ response: Response; text: string } | { response: Response; tooLarge: Error }> => {
    const response = await options.fetch(buildUrl(options.baseUrl, call), buildInit(options, call, controller.signal));
    try {
      return { response, text: decodeLenient(await readBounded(response, options.maxResponseBytes)) };
    } catch (error) {
      if (error instanceof ResponseTooLarge) return { response, tooLarge: error };
      throw error;
    }
  })();
  exchange.catch(() => undefined); // Settles after a timeout too; nobody is listening then.
  const stop = () => controller.abort();
  options.signal?.addEventListener("abort", stop, { once: true });
  try {
    const outcome = await untilAborted(Promise.race([exchange, deadline]), options.signal);
    if (outcome === undefined) return { failure: { message: `${where}: interrupted`, code: "aborted" }, retryable: false };
    if (outcome === "timeout") return { failure: { message: `${where}: no answer within ${options.timeoutMs} ms`, code: "timeout" }, retryable: true };
    if ("tooLarge" in outcome) {
      return { failure: { message: `${where}: ${outcome.tooLarge.message}`, code: "bad_response", status: outcome.response.status }, retryable: false };
    }
    const { response, text } = outcome;
    if (call.expect.includes(response.status)) return { reply: { status: response.status, text } };
    return judgeStatus(options, where, response, text);
  } catch (error) {
    return { failure: { message: `${where}: connection failed`, code: "connection", cause: safeCause(error, [options.token]) }, retryable: true };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", stop);
  }
}

function judgeStatus(options: TransportOptions, where: string, response: Response, text: string): Attempt {
  const { status } = response;
  if (status === 401 || status === 403) {
    // Fixed wording, no server text: a hostile server could echo the token back in its error body.
    return { failure: { message: `${options.service} rejected the token`, code: "unauthorized", status }, retryable: false };
  }
  const detail = errorDetail(options, text);
  const code = detail.code ?? `http_${status}`;
  const failure: HttpFailure = { message: `${where}: ${status} ${code}${detail.message ? ` (${detail.message})` : ""}`, code, status };
  if (!RETRYABLE_STATUSES.has(status)) return { failure, retryable: false };
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), options.clock());
  return { failure, retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** The server's error code (only when it looks like a code) and its message, redacted and cut short. */
function errorDetail(options: TransportOptions, text: string): { code?: string; message?: string } {
  const detail = options.errorDetail?.(text);
  if (!detail) return {};
  return {
    ...(/^[a-z][a-z0-9_]{0,39}$/.test(detail.code) ? { code: detail.code } : {}),
    message: truncate(redactKnownValues(detail.message, [options.token]), 200),
  };
}
