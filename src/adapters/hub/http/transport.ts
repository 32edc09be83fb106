import { HubError } from "../../../domain/errors.ts";
import { redactKnown, safeCause, truncate } from "../redact.ts";
import { decodeLenient } from "../text-integrity.ts";
import { ErrorBodySchema } from "../wire.ts";
import { buildInit, buildUrl, readBounded } from "./request.ts";
import type { RetryPolicy } from "./retry.ts";
import { RETRYABLE_STATUSES, decideRetry, parseRetryAfter } from "./retry.ts";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  baseUrl: string;
  token: string | undefined;
  fetch: FetchLike;
  /** An undici `Dispatcher` (e.g. an `Agent` with tuned pools), passed through to fetch. */
  dispatcher: unknown;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: RetryPolicy;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export interface HubCall {
  method: "GET" | "POST";
  /** Path under the base URL, e.g. `/v1/inbox`; used in error messages too. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
  /** Success statuses; anything else is an error. */
  expect: readonly number[];
}

export interface HubReply {
  status: number;
  /** The body decoded as UTF-8 without `fatal`: broken bytes become U+FFFD, judged later per message. */
  text: string;
}

type Attempt = { reply: HubReply } | { failure: HubError; retryable: boolean; retryAfterMs?: number };

/** One hub call with timeout and bounded retries. Every call we make is idempotent, so any retry is safe. */
export async function callHub(options: TransportOptions, call: HubCall): Promise<HubReply> {
  const started = options.clock();
  for (let attempt = 1; ; attempt += 1) {
    const result = await attemptOnce(options, call);
    if ("reply" in result) return result.reply;
    if (!result.retryable) throw result.failure;
    const decision = decideRetry({
      attempt,
      elapsedMs: options.clock() - started,
      retryAfterMs: result.retryAfterMs,
      policy: options.retry,
      random: options.random,
    });
    if (!decision.retry) {
      const { failure } = result;
      throw new HubError(`${failure.message}; ${decision.why}`, { code: failure.code, status: failure.status, cause: failure.cause });
    }
    await options.sleep(decision.waitMs);
  }
}

async function attemptOnce(options: TransportOptions, call: HubCall): Promise<Attempt> {
  const where = `${call.method} ${call.path}`;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced as well as aborted: the deadline holds even for a fetch that ignores its signal.
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, options.timeoutMs);
  });
  const exchange = (async () => {
    const response = await options.fetch(buildUrl(options.baseUrl, call), buildInit(options, call, controller.signal));
    return { response, text: decodeLenient(await readBounded(response, options.maxResponseBytes, where)) };
  })();
  exchange.catch(() => undefined); // Settles after a timeout too; nobody is listening then.
  try {
    const outcome = await Promise.race([exchange, deadline]);
    if (outcome === "timeout") {
      return { failure: new HubError(`hub ${where}: no answer within ${options.timeoutMs} ms`, { code: "timeout" }), retryable: true };
    }
    const { response, text } = outcome;
    if (call.expect.includes(response.status)) return { reply: { status: response.status, text } };
    return judgeStatus(options, where, response, text);
  } catch (error) {
    if (error instanceof HubError) return { failure: error, retryable: false };
    const failure = new HubError(`hub ${where}: connection failed`, { code: "connection", cause: safeCause(error, [options.token]) });
    return { failure, retryable: true };
  } finally {
    clearTimeout(timer);
  }
}

function judgeStatus(options: TransportOptions, where: string, response: Response, text: string): Attempt {
  const { status } = response;
  if (status === 401 || status === 403) {
    // Fixed wording, no hub text: a hostile hub could echo the token back in its error body.
    return { failure: new HubError("hub rejected the token", { code: "unauthorized", status }), retryable: false };
  }
  const detail = errorDetail(text, options.token);
  const code = detail.code ?? `http_${status}`;
  const message = `hub ${where}: ${status} ${code}${detail.message ? ` (${detail.message})` : ""}`;
  const failure = new HubError(message, { code, status });
  if (!RETRYABLE_STATUSES.has(status)) return { failure, retryable: false };
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), options.clock());
  return { failure, retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** The hub's `{"error":{code,message}}`, if it sent one: the code only when it looks like a code. */
function errorDetail(text: string, token: string | undefined): { code?: string; message?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const body = ErrorBodySchema.safeParse(parsed);
  if (!body.success) return {};
  const { code, message } = body.data.error;
  return {
    ...(/^[a-z][a-z0-9_]{0,39}$/.test(code) ? { code } : {}),
    message: truncate(redactKnown(message, [token]), 200),
  };
}
