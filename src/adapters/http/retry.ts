/**
 * When and how long to wait before retrying an HTTP call. Pure: the clock and the random source are
 * passed in, so the fault tests are exact and instant.
 */

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt (waits included). */
  maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8_000, maxTotalMs: 30_000 };

/** The statuses a service (or a proxy in front of it) uses for "not now, try again". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so clients that
 * failed together spread out but none retries immediately. `attempt` is 1 after the first failure.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at) || !/[a-z]/i.test(trimmed)) return undefined;
  return Math.max(0, at - nowMs);
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; why: string };

/** Whether to try again after `attempt` failed attempts, `elapsedMs` after the first began. */
export function decideRetry(input: {
  attempt: number;
  elapsedMs: number;
  retryAfterMs: number | undefined;
  policy: RetryPolicy;
  random: () => number;
}): RetryDecision {
  const { attempt, elapsedMs, retryAfterMs, policy, random } = input;
  if (attempt >= policy.maxAttempts) return { retry: false, why: `gave up after ${attempt} attempts` };
  // The server's own estimate wins over our guess: it knows when it will have capacity again.
  const waitMs = retryAfterMs ?? backoffDelay(attempt, policy, random);
  if (elapsedMs + waitMs > policy.maxTotalMs) {
    return { retry: false, why: `gave up after ${attempt} attempts: the next wait (${waitMs} ms) would pass the ${policy.maxTotalMs} ms retry budget` };
  }
  return { retry: true, waitMs };
}
