import { ZodError } from "zod";
import { ForgeError, ForgeRateLimitError } from "../../domain/errors.ts";

interface RequestErrorLike {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as Partial<RequestErrorLike>).status === "number";
}

/**
 * Maps what Octokit throws to typed errors. Only the status, GitHub's one-line message and the
 * operation name are kept: Octokit errors also carry the request (URL, headers), which must not
 * travel into plans, logs or audit.
 */
export function forgeError(operation: string, error: unknown): ForgeError {
  if (error instanceof ForgeError) return error;
  if (error instanceof ZodError) return new ForgeError(`GitHub's answer to ${operation} is not in the expected shape`, { code: "forge_contract" });
  if (!isRequestError(error)) return new ForgeError(`${operation} failed: ${error instanceof Error ? error.name : "unknown error"}`);
  const headers = error.response?.headers ?? {};
  const message = error.message.split("\n")[0]!.slice(0, 200);
  const retryAfter = Number(headers["retry-after"]);
  const limited = (error.status === 403 || error.status === 429) && (headers["retry-after"] !== undefined || String(headers["x-ratelimit-remaining"]) === "0" || /rate limit/i.test(message));
  if (limited) {
    return new ForgeRateLimitError(`GitHub rate limit reached during ${operation}`, { status: error.status, ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}) });
  }
  const code = error.status === 422 ? "unprocessable" : error.status === 404 ? "not_found" : "forge";
  return new ForgeError(`GitHub answered ${error.status} to ${operation}: ${message}`, { status: error.status, code });
}
