import type { ExecutionReport, PlanDocument } from "../plan/document.ts";
import type { ExecutionResult } from "./executor.ts";

/** The plan document with each run action's outcome and the tick's execution report added. */
export function withOutcomes(doc: PlanDocument, result: ExecutionResult, where: Omit<ExecutionReport, "stopped" | "summary">): PlanDocument {
  return {
    ...doc,
    messages: doc.messages.map((plan, i) => ({
      ...plan,
      run: plan.run.map((action, j) => {
        const outcome = result.outcomes[i]?.[j];
        return outcome ? { ...action, outcome } : action;
      }),
    })),
    execution: { ...where, stopped: result.stopped ?? null, summary: result.summary },
  };
}

/** One line for the operator: what the tick did, and why it stopped early if it did. */
export function executionLine(result: ExecutionResult): string {
  const { executed, skipped, deferred, failed } = result.summary;
  const counts = `executed ${executed}, skipped ${skipped} (already done), deferred ${deferred}, failed ${failed}`;
  return result.stopped === "rate-limited" ? `rate limited, resuming next tick (${counts})` : `tick done: ${counts}`;
}
