import type { AuditSink } from "../../domain/audit.ts";
import type { PlanDocument } from "../plan/document.ts";
import type { MessagePlan, RunAction } from "../plan/types.ts";
import { executeChange } from "./change.ts";
import type { ExecuteDeps } from "./context.ts";
import { TickState } from "./context.ts";
import { executeEscalation } from "./escalation.ts";
import { guarded } from "./guard.ts";
import { inLanes, serial } from "./lanes.ts";
import { executeQuarantined } from "./quarantine.ts";
import { recordOutcome, recordRefused } from "./events.ts";
import type { ActionOutcome, ExecutionSummary } from "./outcome.ts";
import { outcome, summarizeOutcomes } from "./outcome.ts";
import { sendReply } from "./reply.ts";
import { executeSshCertificate } from "./sign.ts";

export interface ExecutionResult {
  /** `outcomes[i][j]` is what happened to `doc.messages[i].run[j]`. */
  outcomes: ActionOutcome[][];
  /** `quarantined[i]`: the escalation and mark-read of `doc.quarantined[i]`. */
  quarantined?: ActionOutcome[][];
  /** Set when GitHub's rate limit ended the tick early; the rest waits, unread, for the next tick. */
  stopped: "rate-limited" | undefined;
  summary: ExecutionSummary;
}

/**
 * Carries out the plan's run lists, message by message, action by action. GitHub and git work is
 * serial (GitHub's content-creation limit is the real ceiling); messages that only answer on the
 * hub overlap, at most four at a time, each still in its own order. It adds no action and re-judges nothing: what runs
 * is what the planner allowed. `mark_read` runs last and only when every other action of its
 * message succeeded or was found already done; otherwise the message stays unread and the next
 * tick resumes it, finding finished work again by marker and idempotency key.
 */
export async function executePlan(doc: PlanDocument, given: ExecuteDeps): Promise<ExecutionResult> {
  // Lanes overlap, but events reach the audit sink one at a time, in the order they were recorded.
  const deps: ExecuteDeps = { ...given, audit: oneAtATime(given.audit) };
  const state = new TickState(deps);
  const outcomes: ActionOutcome[][] = [];
  const quarantined: ActionOutcome[][] = [];
  try {
    outcomes.push(...(await inLanes(doc.messages, (plan) => executeMessage(plan, state))));
    for (const record of doc.quarantined) quarantined.push(await executeQuarantined(record, state));
  } finally {
    await deps.audit.flush();
  }
  return { outcomes, quarantined, stopped: state.stopped, summary: summarizeOutcomes([...outcomes.flat(), ...quarantined.flat()]) };
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

function runGuarded(action: RunAction, plan: MessagePlan, state: TickState): Promise<ActionOutcome> {
  return guarded(state, () => runAction(action, plan, state));
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

function oneAtATime(sink: AuditSink): AuditSink {
  const queue = serial();
  return { record: (event) => queue(() => sink.record(event)), flush: () => queue(() => sink.flush()) };
}
