import type { EscalationCategory } from "../domain/action.ts";

/**
 * Which guardrail decided, for the plan and the audit. Stable identifiers, each documented in
 * docs/guardrails.md (a test keeps the two lists equal), and each produced only in `src/policy/`.
 */
export const RULE_IDS = [
  "allowlist",
  "schema",
  "inbound-secret",
  "secret-request",
  "injection",
  "outbound-secret",
  "production",
  "path",
  "size",
  "content",
  "catalog-validate",
  "route-unknown",
  "route-retired",
  "reply-format",
  "mark-read-order",
  "action-limit",
  "duplicate",
  "no-action",
  "charter",
  "change-authority",
  "text-grammar",
  "credential-word",
  "deadline",
  "ssh-policy",
  "passed",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * `allowed`: the action runs as proposed. `downgraded`: it is replaced by an escalation of
 * `category`. `blocked`: it is dropped and nothing replaces it (e.g. a duplicate).
 */
export type Outcome = "allowed" | "downgraded" | "blocked";

/** What a judge decided about one action (or the inbound message), and why. */
export interface Verdict {
  rule: RuleId;
  outcome: Outcome;
  /** Set when the outcome is `downgraded`. */
  category?: EscalationCategory;
  reason: string;
}

export const pass = (reason = "all guardrails passed", rule: RuleId = "passed"): Verdict => ({ rule, outcome: "allowed", reason });

export const downgrade = (rule: RuleId, category: EscalationCategory, reason: string): Verdict => ({ rule, outcome: "downgraded", category, reason });

export const block = (rule: RuleId, reason: string): Verdict => ({ rule, outcome: "blocked", reason });

/** A judge's verdict together with what it checked (the route, the file change), for the worker to render. */
export type Judged<T> = { verdict: Verdict; checked: T } | { verdict: Verdict; checked?: undefined };
