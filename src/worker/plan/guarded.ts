import type { EscalationCategory } from "../../domain/action.ts";
import type { RuleId, Verdict } from "../../policy/verdict.ts";
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

/**
 * A judge's verdict as the plan shows it: allowed → the effect runs; downgraded → an escalation
 * replaces the action; blocked → the action is dropped.
 */
export function fromVerdict(kind: string, verdict: Verdict, effect?: Effect): Guarded {
  const { rule, reason, category } = verdict;
  if (verdict.outcome === "allowed") return { entry: { kind, verdict: "allowed", rule, reason }, ...(effect ? { effect } : {}) };
  if (verdict.outcome === "blocked" || !category) return { entry: { kind, verdict: "blocked", rule, reason } };
  return { entry: { kind, verdict: "downgraded", rule, reason, category }, escalation: { category, reason, rule } };
}
