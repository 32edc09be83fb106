import { ForgeRateLimitError, WardenError } from "../../domain/errors.ts";
import type { TickState } from "./context.ts";
import type { ActionOutcome } from "./outcome.ts";
import { outcome } from "./outcome.ts";

/**
 * Runs one effect and turns what it threw into an outcome: a rate limit ends the tick cleanly
 * (deferred), anything else fails this action only. In dry-run an executed effect is `planned`.
 */
export async function guarded(state: TickState, run: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
  if (state.stopped === "rate-limited") return outcome("deferred", "rate-limited", { reason: "rate limited, resuming next tick" });
  try {
    const result = await run();
    return state.deps.dryRun && result.status === "executed" ? { ...result, status: "planned" } : result;
  } catch (error) {
    if (error instanceof ForgeRateLimitError) {
      state.stopped = "rate-limited";
      return outcome("deferred", "rate-limited", { reason: "rate limited, resuming next tick" });
    }
    return outcome("failed", "error", { reason: describeFailure(error) });
  }
}

/**
 * Only typed errors carry a message we wrote; anything else is reported by its class name, so a
 * library error that quotes a request (headers, URLs) never reaches the plan or the audit.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof WardenError) return `${error.code}: ${error.message}`.slice(0, 500);
  return `unexpected ${error instanceof Error ? error.name : typeof error}`;
}
