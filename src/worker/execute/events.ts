import { auditEvent } from "../../domain/audit.ts";
import type { AuditOutcome } from "../../domain/audit.ts";
import type { MessagePlan, RunAction } from "../plan/types.ts";
import type { ExecuteDeps } from "./context.ts";
import type { ActionOutcome } from "./outcome.ts";

/**
 * One progress event per action through the audit port, from code-owned fields only: ids, the
 * key, the outcome code, the URL. The sink redacts and delivers (hub events, local log).
 */
export async function recordOutcome(deps: ExecuteDeps, plan: MessagePlan, action: RunAction, result: ActionOutcome, startedAt: number): Promise<void> {
  const url = result.url;
  const links = {
    // A change that no longer applied became a conflict issue, not a PR.
    ...(url && (action.kind === "escalate" || result.code === "conflict") ? { issue: url } : {}),
    ...(url && (action.kind === "propose_catalog_change" || action.kind === "propose_playbook_change") && result.code !== "conflict" ? { pr: url } : {}),
    ...(result.hub_message ? { hub_message: result.hub_message } : {}),
  };
  await deps.audit.record(
    auditEvent({
      ...messageEnvelope(deps, plan),
      action: { kind: action.kind, key: action.key },
      outcome: result.status satisfies AuditOutcome,
      rule: result.code,
      reason: result.reason ?? null,
      links,
      duration_ms: Math.max(0, Date.now() - startedAt),
    }),
  );
}

/** Proposals a guardrail blocked or downgraded: audited as `blocked`, never executed. */
export async function recordBlocked(deps: ExecuteDeps, plan: MessagePlan): Promise<void> {
  for (const entry of plan.proposed) {
    if (entry.verdict === "allowed") continue;
    await deps.audit.record(
      auditEvent({
        ...messageEnvelope(deps, plan),
        outcome: "blocked",
        rule: entry.rule,
        reason: entry.reason.slice(0, 2000),
        detail: { proposed_kind: entry.kind.slice(0, 100), verdict: entry.verdict },
      }),
    );
  }
}

/** A message that waits for the next tick (a per-tick limit, a brain failure). */
export async function recordDeferred(deps: ExecuteDeps, plan: MessagePlan): Promise<void> {
  await deps.audit.record(
    auditEvent({
      ...messageEnvelope(deps, plan),
      outcome: "deferred",
      rule: "deferred",
      reason: (plan.deferred ?? "").slice(0, 2000),
    }),
  );
}

/** Who, when and which message: the same for every event of a message in this tick. */
function messageEnvelope(deps: ExecuteDeps, plan: MessagePlan) {
  return { at: deps.now().toISOString(), actor: "worker" as const, mode: deps.mode, tick_id: deps.tickId, message_id: plan.message_id, thread_id: plan.thread_id };
}
