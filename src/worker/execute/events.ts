import { auditEvent } from "../../domain/audit.ts";
import type { AuditOutcome } from "../../domain/audit.ts";
import type { MessagePlan, RunAction } from "../plan/types.ts";
import { refusedEvents } from "../plan-events.ts";
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
    ...(url && (action.kind === "escalate" || action.kind === "issue_ssh_certificate" || result.code === "conflict") ? { issue: url } : {}),
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

/** What the plan refused (`blocked`) or deferred, built once for dry-run and execution alike. */
export async function recordRefused(deps: ExecuteDeps, plan: MessagePlan): Promise<void> {
  for (const event of refusedEvents(plan, messageEnvelope(deps, plan))) await deps.audit.record(event);
}

/** Who, when and which message: the same for every event of a message in this tick. */
function messageEnvelope(deps: ExecuteDeps, plan: MessagePlan) {
  return { at: deps.now().toISOString(), actor: "worker" as const, mode: deps.mode, tick_id: deps.tickId, message_id: plan.message_id, thread_id: plan.thread_id };
}
