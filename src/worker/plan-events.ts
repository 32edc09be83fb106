import type { AuditEvent, AuditEventInput, AuditMode } from "../domain/audit.ts";
import { auditEvent } from "../domain/audit.ts";
import { actionKey } from "../domain/keys.ts";
import type { PlanDocument } from "./plan/document.ts";
import type { MessagePlan, RunAction } from "./plan/types.ts";

export interface TickAuditContext {
  tickId: string;
  mode: AuditMode;
}

/**
 * How a tick ran, recorded on its `tick` event so the rollout gate can tell deployment ticks from
 * others: what started it, whether it planned the whole inbox or one message (`--message`), the
 * loop's interval (null for a single tick) and, when it acted, the executor's counts.
 */
export interface TickRunFacts {
  trigger: string;
  scope: "inbox" | "message";
  loopIntervalSeconds: number | null;
  execution?: { executed: number; skipped: number; deferred: number; failed: number; stopped: string | null };
}

/** The kind of the tick's own event: one per tick, so the rollout check can count ticks. */
export const TICK_ACTION = "tick";

/**
 * What a planned tick tells the audit about its actions, dry-run included: every action it would
 * run (`planned`), every proposal a guardrail refused (`blocked`), every message left for later
 * (`deferred`). Built from the plan's code-owned fields; the reasons still pass the sink's secret
 * gate. (When the executor carries the plan out, it records these per action itself.)
 */
export function plannedActionEvents(doc: PlanDocument, ctx: TickAuditContext): AuditEvent[] {
  const base = { at: doc.generated_at, actor: "worker", mode: ctx.mode, tick_id: ctx.tickId } as const;
  return doc.messages.flatMap((plan) => messageEvents(plan, { ...base, message_id: plan.message_id, thread_id: plan.thread_id, outcome: "planned" })).map(auditEvent);
}

/**
 * What every tick records whoever carries out its actions: each quarantined message (`blocked`,
 * rule `quarantine`) and one `tick` event with the counts, by which the rollout check counts ticks.
 */
export function tickSummaryEvents(doc: PlanDocument, ctx: TickAuditContext, facts: TickRunFacts, at: Date): AuditEvent[] {
  const base = { at: at.toISOString(), actor: "worker", mode: ctx.mode, tick_id: ctx.tickId } as const;
  const events: AuditEventInput[] = doc.quarantined.map((q) => ({ ...base, outcome: "blocked", message_id: q.message_id, rule: "quarantine", reason: q.reason }));
  const s = doc.summary;
  const run = { trigger: facts.trigger, scope: facts.scope, loop_interval_seconds: facts.loopIntervalSeconds };
  const e = facts.execution;
  // `deferred` already counts messages the plan deferred; the executor's count is of actions.
  const executed = e && { executed: e.executed, skipped: e.skipped, deferred_actions: e.deferred, failed: e.failed, stopped: e.stopped };
  events.push({
    ...base,
    outcome: facts.execution ? "executed" : "planned",
    action: { kind: TICK_ACTION, key: ctx.tickId },
    detail: { messages: s.messages, quarantined: s.quarantined, pull_requests: s.pull_requests, escalations: s.escalations, deferred: s.deferred, interrupted: doc.interrupted, ...run, ...executed },
  });
  return events.map(auditEvent);
}

/** The event for a tick that could not finish planning (the hub was down, the catalog broke). */
export function tickFailedEvent(ctx: TickAuditContext, at: Date, reason: string, facts: Pick<TickRunFacts, "trigger" | "scope" | "loopIntervalSeconds">): AuditEvent {
  const detail = { trigger: facts.trigger, scope: facts.scope, loop_interval_seconds: facts.loopIntervalSeconds };
  return auditEvent({ at: at.toISOString(), actor: "worker", mode: ctx.mode, tick_id: ctx.tickId, outcome: "failed", action: { kind: TICK_ACTION, key: ctx.tickId }, rule: "tick-failed", reason, detail });
}

/**
 * What the plan refused or held back, the same whether or not the tick then executes: each
 * proposal a guardrail refused or downgraded (`blocked`, with its rule), or the whole message
 * deferred (a per-tick limit, a brain that failed or ran out of time; it stays unread).
 * The executor records these through this one builder too.
 */
export function refusedEvents(plan: MessagePlan, base: Omit<AuditEventInput, "outcome">): AuditEvent[] {
  if (plan.deferred !== undefined) return [auditEvent({ ...base, outcome: "deferred", rule: "deferred", reason: plan.deferred.slice(0, 2000) })];
  return plan.proposed.flatMap((p, i) =>
    p.verdict === "allowed"
      ? []
      : [auditEvent({ ...base, outcome: "blocked", action: { kind: p.kind.slice(0, 100), key: actionKey(plan.message_id, p.kind, `proposed-${i}`) }, rule: p.rule, reason: p.reason.slice(0, 2000), detail: { verdict: p.verdict, ...(p.category ? { category: p.category } : {}) } })],
  );
}

function messageEvents(plan: MessagePlan, base: AuditEventInput): AuditEventInput[] {
  const events: AuditEventInput[] = refusedEvents(plan, base);
  if (plan.deferred !== undefined) return events;
  const escalationRule = plan.gate?.rule ?? plan.proposed.find((p) => p.verdict === "downgraded")?.rule ?? "brain";
  for (const action of plan.run) events.push({ ...base, action: { kind: action.kind, key: action.key }, ...runFacts(action, escalationRule) });
  return events;
}

function runFacts(action: RunAction, escalationRule: string): Partial<AuditEventInput> {
  switch (action.kind) {
    case "escalate":
      return { rule: escalationRule, reason: action.reason, detail: { category: action.category } };
    case "answer_route":
      return { rule: "passed", detail: { route_id: action.route_id } };
    case "propose_catalog_change":
      return { rule: "passed", detail: { op: action.op, route_id: action.route_id, file: action.file } };
    case "propose_playbook_change":
      return { rule: "passed", detail: { file: action.file } };
    case "issue_ssh_certificate":
      return { rule: "passed", detail: { route_id: action.route_id, key_fingerprint: action.key_fingerprint, principals: action.principals.join(","), ttl_seconds: action.ttl_seconds, approval: action.approval } };
    default:
      return { rule: "passed" };
  }
}
