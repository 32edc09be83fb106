import type { EscalationCategory } from "../../domain/action.ts";
import type { RuleId } from "../../policy/verdict.ts";
import type { ProposedEntry, RunAction } from "./types.ts";

/** A rendered effect, ready to run; it carries its idempotency key. */
export type Effect = RunAction;

/** What the guardrails made of one proposed action: its plan entry and, if allowed, its effect. */
export interface Guarded {
  entry: ProposedEntry;
  effect?: Effect;
  /** For downgrades: the escalation that replaces the action. */
  escalation?: { category: EscalationCategory; reason: string; rule: RuleId };
}

export function allowedResult(kind: string, effect: Effect, reason = "all guardrails passed", rule: RuleId = "passed"): Guarded {
  return { entry: { kind, verdict: "allowed", rule, reason }, effect };
}

export function downgraded(kind: string, rule: RuleId, category: EscalationCategory, reason: string): Guarded {
  return { entry: { kind, verdict: "downgraded", rule, reason, category }, escalation: { category, reason, rule } };
}

export function blocked(kind: string, rule: RuleId, reason: string): Guarded {
  return { entry: { kind, verdict: "blocked", rule, reason } };
}
