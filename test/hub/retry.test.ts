import { describe, expect, it } from "vitest";
import { backoffDelay, decideRetry, parseRetryAfter } from "../../src/adapters/http/retry.ts";

const policy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 1_000, maxTotalMs: 10_000 };

describe("retry policy", () => {
  it("doubles the ceiling per attempt up to the cap, with half of it jittered", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 1))).toEqual([200, 400, 800, 1000, 1000]);
  });

  it("reads Retry-After as seconds or as an HTTP date, and ignores nonsense", () => {
    const now = Date.parse("2026-11-20T08:00:00Z");
    expect(parseRetryAfter("1", now)).toBe(1000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Fri, 20 Nov 2026 08:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Fri, 20 Nov 2026 07:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("-3", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("prefers the hub's Retry-After, and stops at the attempt limit or the time budget", () => {
    const base = { policy, random: () => 0.5 };
    expect(decideRetry({ ...base, attempt: 1, elapsedMs: 0, retryAfterMs: 2_000 })).toEqual({ retry: true, waitMs: 2_000 });
    expect(decideRetry({ ...base, attempt: 1, elapsedMs: 0, retryAfterMs: undefined })).toEqual({ retry: true, waitMs: 150 });
    expect(decideRetry({ ...base, attempt: 5, elapsedMs: 0, retryAfterMs: undefined })).toMatchObject({ retry: false });
    expect(decideRetry({ ...base, attempt: 2, elapsedMs: 9_000, retryAfterMs: 2_000 })).toMatchObject({ retry: false });
  });
});
