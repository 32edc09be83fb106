import type { LlmCost } from "../../domain/llm.ts";
import type { RolloutMode } from "../../config/schema.ts";
import type { QuarantinedMessage } from "../../domain/message.ts";
import type { ExecutionSummary } from "../execute/outcome.ts";
import type { MessagePlan } from "./types.ts";

/**
 * The plan document, version 1 — what `warden worker run --json` prints and what the audit and
 * the conformance check read. Documented in docs/plan-format.md; additive changes only within a
 * version. Every unread message appears exactly once, in `messages` or in `quarantined`.
 */
export interface PlanDocument {
  version: 1;
  generated_at: string;
  /** The rollout mode from config (`mode:`); a document's actions run only when it is executed. */
  mode: RolloutMode;
  /**
   * Set when the mode would run actions but this run only planned (no `--execute`): says so in
   * words, so nobody reads a `manual` or `scheduled` plan as something that happened.
   */
  planning_only?: string;
  hub: string;
  brain: string;
  messages: MessagePlan[];
  quarantined: QuarantinedMessage[];
  /** True when a stop signal ended the tick early; unlisted messages stay unread. */
  interrupted: boolean;
  summary: PlanSummary;
  /** Added by `--execute`: where the worker acted and how the tick ended. */
  execution?: ExecutionReport;
}

export interface ExecutionReport {
  repository: string;
  mode: "manual" | "scheduled";
  /** `rate-limited` when GitHub's limit ended the tick early; the rest stays unread. */
  stopped: "rate-limited" | null;
  summary: ExecutionSummary;
}

export interface PlanSummary {
  messages: number;
  quarantined: number;
  answered: number;
  replies: number;
  pull_requests: number;
  escalations: number;
  deferred: number;
  /** Model use in this tick: calls made, decisions taken from the cache, tokens, failed calls or answers. */
  llm_calls: number;
  llm_cache_hits: number;
  llm_input_tokens: number;
  llm_output_tokens: number;
  llm_failures: number;
}

export function summarize(messages: readonly MessagePlan[], quarantined: readonly QuarantinedMessage[]): PlanSummary {
  const count = (kind: string) => messages.reduce((n, m) => n + m.run.filter((a) => a.kind === kind).length, 0);
  const llm = (field: keyof LlmCost) => messages.reduce((n, m) => n + (m.llm?.[field] ?? 0), 0);
  return {
    messages: messages.length,
    quarantined: quarantined.length,
    answered: count("answer_route"),
    replies: count("reply"),
    pull_requests: count("propose_catalog_change") + count("propose_playbook_change"),
    escalations: count("escalate"),
    deferred: messages.filter((m) => m.deferred !== undefined).length,
    llm_calls: llm("calls"),
    llm_cache_hits: llm("cache_hits"),
    llm_input_tokens: llm("input_tokens"),
    llm_output_tokens: llm("output_tokens"),
    llm_failures: llm("failures"),
  };
}

/** The share of planned messages answered or changed without any escalation (the utility figure). */
export function unescalatedShare(messages: readonly MessagePlan[]): number {
  const planned = messages.filter((m) => m.deferred === undefined);
  if (planned.length === 0) return 0;
  return planned.filter((m) => m.run.length > 0 && !m.run.some((a) => a.kind === "escalate")).length / planned.length;
}
