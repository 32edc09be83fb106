import { ForgeRateLimitError, WardenError } from "../../domain/errors.ts";
import type { PlanDocument } from "../plan/document.ts";
import type { MessagePlan, RunAction } from "../plan/types.ts";
import { executeChange } from "./change.ts";
import type { ExecuteDeps } from "./context.ts";
import { TickState } from "./context.ts";
import { executeEscalation } from "./escalation.ts";
import { recordOutcome, recordRefused } from "./events.ts";
import type { ActionOutcome, ExecutionSummary } from "./outcome.ts";
import { outcome, summarizeOutcomes } from "./outcome.ts";
import { sendReply } from "./reply.ts";
import { executeSshCertificate } from "./sign.ts";

export interface ExecutionResult {
  /** `outcomes[i][j]` is what happened to `doc.messages[i].run[j]`. */
  outcomes: ActionOutcome[][];
  /** Set when GitHub's rate limit ended the tick early; the rest waits, unread, for the next tick. */
  stopped: "rate-limited" | undefined;
  summary: ExecutionSummary;
}

/**
 * Carries out the plan's run lists, message by message, action by action, serially (GitHub's
 * content-creation limit is the real ceiling). It adds no action and re-judges nothing: what runs
 * is what the planner allowed. `mark_read` runs last and only when every other action of its
 * message succeeded or was found already done; otherwise the message stays unread and the next
 * tick resumes it, finding finished work again by marker and idempotency key.
 */
export async function executePlan(doc: PlanDocument, deps: ExecuteDeps): Promise<ExecutionResult> {
  const state = new TickState(deps);
  const outcomes: ActionOutcome[][] = [];
  try {
    for (const plan of doc.messages) outcomes.push(await executeMessage(plan, state));
  } finally {
    await deps.audit.flush();
  }
  return { outcomes, stopped: state.stopped, summary: summarizeOutcomes(outcomes.flat()) };
}

async function executeMessage(plan: MessagePlan, state: TickState): Promise<ActionOutcome[]> {
  await recordRefused(state.deps, plan);
  if (plan.deferred !== undefined) return [];
  const results: ActionOutcome[] = [];
  let unfinished = false;
  for (const action of plan.run) {
    const startedAt = Date.now();
    const result = state.stopped
      ? outcome("deferred", "rate-limited", { reason: "rate limited, resuming next tick" })
      : unfinished
        ? outcome("deferred", "earlier-action-unfinished", { reason: "an earlier action of this message did not finish; the message stays unread" })
        : await runGuarded(action, plan, state);
    if (result.status === "deferred" || result.status === "failed") unfinished = true;
    results.push(result);
    await recordOutcome(state.deps, plan, action, result, startedAt);
    state.deps.onOutcome?.(plan.message_id, action.kind, result.status);
  }
  return results;
}

async function runGuarded(action: RunAction, plan: MessagePlan, state: TickState): Promise<ActionOutcome> {
  try {
    const result = await runAction(action, plan, state);
    return state.deps.dryRun && result.status === "executed" ? { ...result, status: "planned" } : result;
  } catch (error) {
    if (error instanceof ForgeRateLimitError) {
      state.stopped = "rate-limited";
      return outcome("deferred", "rate-limited", { reason: "rate limited, resuming next tick" });
    }
    return outcome("failed", "error", { reason: describeFailure(error) });
  }
}

function runAction(action: RunAction, plan: MessagePlan, state: TickState): Promise<ActionOutcome> {
  switch (action.kind) {
    case "answer_route":
    case "reply":
      return sendReply(action.reply, action.key, state);
    case "propose_catalog_change":
    case "propose_playbook_change":
      return executeChange(action, plan, state);
    case "escalate":
      return executeEscalation(action, plan, state);
    case "mark_read":
      return state.deps.hub.markRead(action.message_id).then(() => outcome("executed", "marked-read"));
    case "issue_ssh_certificate":
      return executeSshCertificate(action, plan, state);
  }
}

/**
 * Only typed errors carry a message we wrote; anything else is reported by its class name, so a
 * library error that quotes a request (headers, URLs) never reaches the plan or the audit.
 */
function describeFailure(error: unknown): string {
  if (error instanceof WardenError) return `${error.code}: ${error.message}`.slice(0, 500);
  return `unexpected ${error instanceof Error ? error.name : typeof error}`;
}
