import type { Action, EscalationCategory } from "../domain/action.ts";

/** Which guardrail decided, for the plan and the audit. Stable identifiers, documented in docs/guardrails.md. */
export type RuleId =
  | "allowlist"
  | "schema"
  | "inbound-secret"
  | "secret-request"
  | "injection"
  | "outbound-secret"
  | "production"
  | "scope"
  | "path"
  | "size"
  | "content"
  | "catalog-validate"
  | "route-unknown"
  | "route-retired"
  | "reply-format"
  | "mark-read-order"
  | "action-limit"
  | "duplicate"
  | "brain-failed"
  | "no-action"
  | "passed";

export type Verdict =
  /** The action runs as proposed. */
  | { verdict: "allowed"; rule: RuleId; reason: string; action: Action }
  /** The action is replaced by an escalation. */
  | { verdict: "downgraded"; rule: RuleId; reason: string; category: EscalationCategory }
  /** The action is dropped; nothing replaces it (e.g. a misplaced mark_read). */
  | { verdict: "blocked"; rule: RuleId; reason: string };

export const allowed = (action: Action, reason = "all guardrails passed"): Verdict => ({ verdict: "allowed", rule: "passed", reason, action });

export const downgrade = (rule: RuleId, category: EscalationCategory, reason: string): Verdict => ({
  verdict: "downgraded",
  rule,
  category,
  reason,
});

export const block = (rule: RuleId, reason: string): Verdict => ({ verdict: "blocked", rule, reason });
