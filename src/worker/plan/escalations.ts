import type { EscalationCategory } from "../../domain/action.ts";
import { actionKey } from "../../domain/keys.ts";
import type { Message } from "../../domain/message.ts";
import { renderEscalationIssue } from "../render/issue.ts";
import type { PlanContext } from "./context.ts";
import type { OutboundChecks } from "../../policy/outbound.ts";
import { checkedLines, keepKnownPieces, repositoryWords, withholdFindings } from "../../policy/outbound.ts";
import { redactSecrets } from "./secret-check.ts";
import type { RunAction } from "./types.ts";

export interface PendingEscalation {
  category: EscalationCategory;
  reason: string;
  /** The rule that decided; absent for a brain's own escalation. */
  rule?: string;
}

/** The message as it may appear in a plan or an issue: every field with its secrets redacted. */
export interface RedactedView {
  id: string;
  thread_id: string;
  from_agent: string;
  subject: string;
  body: string;
}

/**
 * Turns the escalations collected for a message into run actions: one issue per category (the
 * reasons joined). The issue is built from code-owned fields and says where the message lives;
 * reasons pass every outbound check (what fails is withheld), the message is quoted only under
 * `issues.quote_message`, line by line, and the rendered issue is scanned once more — for an
 * escalation a hit is redacted rather than blocking, since escalating is the safe path itself.
 */
export async function renderEscalations(
  pending: readonly PendingEscalation[],
  message: Message,
  view: RedactedView,
  ctx: PlanContext,
): Promise<RunAction[]> {
  const byCategory = new Map<EscalationCategory, { reasons: string[]; rules: string[] }>();
  for (const { category, reason, rule } of pending) {
    const group = byCategory.get(category) ?? { reasons: [], rules: [] };
    if (!group.reasons.includes(reason)) group.reasons.push(reason);
    if (rule && rule !== "passed" && !group.rules.includes(rule)) group.rules.push(rule);
    byCategory.set(category, group);
  }
  const checks: OutboundChecks = { scanner: ctx.scanner, known: repositoryWords(ctx.brainContext.catalog) };
  const quoted = ctx.config.issues.quote_message ? await checkedLines(`Subject: ${message.subject.replace(/[\r\n]+/g, " ")}\n\n${message.body}`, checks) : undefined;
  const runs: RunAction[] = [];
  for (const [category, { reasons, rules }] of byCategory) {
    const reason = keepKnownPieces(await withholdFindings(reasons.join("; "), checks), checks.known);
    const key = actionKey(message.id, "escalate", category);
    const facts = { category, rules, reason, message: view, ...(quoted ? { quoted } : {}) };
    const issue = renderEscalationIssue(facts, key, ctx.config.labels.escalation);
    const title = await redactSecrets(ctx.scanner, issue.title);
    const body = await redactSecrets(ctx.scanner, issue.body);
    runs.push({ kind: "escalate", key, category, reason, issue: { ...issue, title, body } });
  }
  return runs;
}
