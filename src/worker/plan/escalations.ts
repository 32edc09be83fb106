import type { EscalationCategory } from "../../domain/action.ts";
import { actionKey } from "../../domain/keys.ts";
import type { Message } from "../../domain/message.ts";
import { renderEscalationIssue } from "../render/issue.ts";
import type { PlanContext } from "./context.ts";
import { redactSecrets } from "./secret-check.ts";
import type { RunAction } from "./types.ts";

export interface PendingEscalation {
  category: EscalationCategory;
  reason: string;
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
 * reasons joined), every reason redacted, and the rendered issue scanned once more — for an
 * escalation a hit is redacted rather than blocking, since escalating is the safe path itself.
 */
export async function renderEscalations(
  pending: readonly PendingEscalation[],
  message: Message,
  view: RedactedView,
  ctx: PlanContext,
): Promise<RunAction[]> {
  const byCategory = new Map<EscalationCategory, string[]>();
  for (const { category, reason } of pending) {
    const reasons = byCategory.get(category) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    byCategory.set(category, reasons);
  }
  const runs: RunAction[] = [];
  for (const [category, reasons] of byCategory) {
    const reason = await redactSecrets(ctx.scanner, reasons.join("; "));
    const key = actionKey(message.id, "escalate", category);
    const issue = renderEscalationIssue(view, view.body, category, reason, key, ctx.config.labels.escalation);
    const title = await redactSecrets(ctx.scanner, issue.title);
    const body = await redactSecrets(ctx.scanner, issue.body);
    runs.push({ kind: "escalate", key, category, reason, issue: { ...issue, title, body } });
  }
  return runs;
}
