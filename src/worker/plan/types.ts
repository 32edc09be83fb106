import type { EscalationCategory } from "../../domain/action.ts";
import type { LlmCost } from "../../domain/llm.ts";
import type { CatalogBase } from "../../domain/workspace.ts";
import type { OutgoingMessage } from "../../domain/message.ts";
import type { RuleId } from "../../policy/verdict.ts";
import type { IssueDraft } from "../render/issue.ts";
import type { PullRequestDraft } from "../render/pull-request.ts";
import type { ActionOutcome } from "../execute/outcome.ts";
import type { SshCertificateRun } from "./guard-ssh.ts";

/** What the brain proposed, and what the guardrails made of it. Never carries proposed content. */
export interface ProposedEntry {
  /** The proposed kind, sanitised; unknown kinds keep a printable form of their name. */
  kind: string;
  verdict: "allowed" | "downgraded" | "blocked";
  rule: RuleId;
  reason: string;
  /** Set when the verdict is `downgraded`: the category of the escalation that replaces it. */
  category?: EscalationCategory;
}

interface RunBase {
  /** Deterministic idempotency key: same message and effect → same key, across ticks. */
  key: string;
  /** Added by `--execute`: what happened to this action (docs/plan-format.md). */
  outcome?: ActionOutcome;
}

export type RunAction =
  | (RunBase & { kind: "answer_route"; route_id: string; reply: OutgoingMessage })
  | (RunBase & { kind: "reply"; reply: OutgoingMessage })
  | (RunBase & {
      kind: "propose_catalog_change";
      /** The catalog this change was computed against. */
      base: CatalogBase;
      op: "add" | "update" | "retire";
      route_id: string;
      file: string;
      content: string;
      diff: string;
      pull_request: PullRequestDraft;
    })
  | (RunBase & { kind: "propose_playbook_change"; base: CatalogBase; file: string; content: string; diff: string; pull_request: PullRequestDraft })
  | (RunBase & { kind: "escalate"; category: EscalationCategory; reason: string; issue: IssueDraft })
  | (RunBase & { kind: "mark_read"; message_id: string })
  | (RunBase & SshCertificateRun);

/** The decision for one inbound message. */
export interface MessagePlan {
  message_id: string;
  thread_id: string;
  from_agent: string;
  subject: string;
  /** Set when a brain-independent inbound gate decided before any brain saw the message. */
  gate?: { rule: RuleId; reason: string };
  /** `model` is set when a language model wrote the rationale: the model name it reported. */
  brain?: { name: string; rationale: string; confidence: number; model?: string };
  proposed: ProposedEntry[];
  /** What would run, in order; `mark_read` is last and present only after a terminal action. */
  run: RunAction[];
  /** Why nothing runs for this message in this tick (it stays unread). */
  deferred?: string;
  /** Model calls, cache hits and tokens spent on this message (model brains only). */
  llm?: LlmCost;
}
