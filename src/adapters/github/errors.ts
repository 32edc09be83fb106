import { ZodError } from "zod";
import { ForgeError, ForgeRateLimitError } from "../../domain/errors.ts";

interface RequestErrorLike {
  status: number;
  message: string;
  request?: { url?: string };
  response?: { headers?: Record<string, string | number | undefined> };
  cause?: unknown;
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as Partial<RequestErrorLike>).status === "number";
}

/**
 * The one mapper from what Octokit throws to typed errors, for every GitHub call (executor,
 * relays, dashboard). Only the status, GitHub's one-line message, the operation and — for a
 * connection failure — host, port and the system's error code are kept: Octokit errors also carry
 * the request (URL with query, headers), which must not travel into plans, logs or audit.
 */
export function forgeError(operation: string, error: unknown, now: () => number = Date.now): ForgeError {
  if (error instanceof ForgeError) return error;
  if (error instanceof ZodError) return new ForgeError(`GitHub's answer to ${operation} is not in the expected shape`, { code: "forge_contract" });
  if (!isRequestError(error)) return new ForgeError(`${operation} failed: ${error instanceof Error ? error.name : "unknown error"}`);
  // Octokit reports a request that never got an answer as status 500 without a response.
  if (error.response === undefined) return connectionFailure(operation, error);
  const headers = error.response.headers ?? {};
  const message = error.message.split("\n")[0]!.slice(0, 200);
  const waitSeconds = retryAfterSeconds(headers, now());
  const exhausted = String(headers["x-ratelimit-remaining"]) === "0";
  const limited = (error.status === 403 || error.status === 429) && (headers["retry-after"] !== undefined || exhausted || /rate limit/i.test(message));
  if (limited) {
    const kind = exhausted ? "primary" : "secondary";
    return new ForgeRateLimitError(`GitHub ${kind} rate limit reached during ${operation}${waitSeconds === undefined ? "" : ` (retry after ${waitSeconds} s)`}`, {
      status: error.status,
      ...(waitSeconds === undefined ? {} : { retryAfterSeconds: waitSeconds }),
    });
  }
  const code = error.status === 422 ? "unprocessable" : error.status === 404 ? "not_found" : error.status >= 500 ? "forge_unavailable" : "forge";
  return new ForgeError(`GitHub answered ${error.status} to ${operation}: ${message}`, { status: error.status, code });
}

/** `retry-after` (seconds) wins; else a primary limit's `x-ratelimit-reset` (epoch seconds). */
function retryAfterSeconds(headers: Record<string, string | number | undefined>, nowMs: number): number | undefined {
  const after = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(after)) return Math.max(0, Math.ceil(after));
  const reset = Number(headers["x-ratelimit-reset"]);
  if (headers["x-ratelimit-reset"] !== undefined && Number.isFinite(reset)) return Math.max(0, Math.ceil(reset - nowMs / 1000));
  return undefined;
}

/** "cannot reach 127.0.0.1:9 (ECONNREFUSED)": where and why, never the path, query or headers. */
function connectionFailure(operation: string, error: RequestErrorLike): ForgeError {
  const where = hostAndPort(error.request?.url);
  const reason = systemCode(error.cause) ?? error.message.split("\n")[0]!.slice(0, 100);
  return new ForgeError(`GitHub ${operation} failed: cannot reach ${where} (${reason})`, { code: "connection", cause: new Error(reason) });
}

function hostAndPort(url: string | undefined): string {
  try {
    const parsed = new URL(url ?? "");
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === "http:" ? "80" : "443")}`;
  } catch {
    return "the GitHub API";
  }
}

/** The first errno-style code (ECONNREFUSED, ENOTFOUND, UND_ERR_…) down the cause chain. */
function systemCode(cause: unknown): string | undefined {
  for (let current = cause, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]{2,40}$/.test(code)) return code;
  }
  return undefined;
}

