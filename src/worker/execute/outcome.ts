/**
 * What happened to one planned action when the executor ran it. Added to each run action of the
 * plan document by `--execute --json` (docs/plan-format.md). `code` is machine-readable and
 * code-owned; `reason` is a short human sentence built from code-owned fields.
 */
export type OutcomeStatus = "planned" | "executed" | "skipped" | "deferred" | "failed";

export type OutcomeCode =
  | "created"
  | "updated"
  | "commented"
  | "sent"
  | "marked-read"
  | "already-done"
  | "already-delivered"
  | "merged"
  | "declined"
  | "already-on-default-branch"
  | "claimed-by-another-tick"
  | "conflict"
  | "rate-limited"
  | "open-pull-request-limit"
  | "earlier-action-unfinished"
  | "signed"
  | "error";

export interface ActionOutcome {
  status: OutcomeStatus;
  code: OutcomeCode;
  reason?: string;
  /** The PR, issue or comment URL on GitHub, when there is one. */
  url?: string;
  /** The hub message id of a sent reply. */
  hub_message?: string;
}

export function outcome(status: OutcomeStatus, code: OutcomeCode, extra: Omit<ActionOutcome, "status" | "code"> = {}): ActionOutcome {
  return { status, code, ...extra };
}

/** Counts per status over a tick, for the summary line and `execution.summary`. */
export interface ExecutionSummary {
  executed: number;
  skipped: number;
  deferred: number;
  failed: number;
  planned: number;
}

export function summarizeOutcomes(outcomes: Iterable<ActionOutcome>): ExecutionSummary {
  const summary: ExecutionSummary = { executed: 0, skipped: 0, deferred: 0, failed: 0, planned: 0 };
  for (const o of outcomes) summary[o.status] += 1;
  return summary;
}
