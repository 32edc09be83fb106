import type { EscalationCategory } from "../../domain/action.ts";
import type { Message } from "../../domain/message.ts";
import { renderMarker } from "./marker.ts";
import { inlineCode, oneLine, quoteUntrusted } from "../../domain/text-safety.ts";

export interface IssueDraft {
  title: string;
  body: string;
  labels: string[];
}

const GUIDANCE: Record<EscalationCategory, string> = {
  secret: "The message carries or asks for a secret value. ops-warden never handles secrets: point the sender to the owner system and, if a value was exposed, rotate it with its owner.",
  production: "The message touches production configuration or a production route. A maintainer decides and acts through the owner's change process.",
  out_of_scope: "Nothing in the catalog covers this request. Answer the sender, or add a route if this is a credential need ops-warden should route.",
  ambiguous: "ops-warden could not tell which route applies. Answer the sender, and consider sharpening the catalog's match phrases.",
  policy: "A guardrail refused what was planned for this message (or the message addressed instructions to the bot). Review before answering.",
  malformed: "The message or the plan for it did not have the expected shape.",
};

/**
 * The issue an escalation becomes. The message text is included only after redaction, and
 * only as quoted data: an escalation must never become a way to publish a secret.
 */
export function renderEscalationIssue(
  message: Pick<Message, "id" | "thread_id" | "from_agent" | "subject">,
  redactedBody: string,
  category: EscalationCategory,
  reason: string,
  key: string,
  labels: readonly string[],
): IssueDraft {
  const body = [
    "A message to ops-warden needs a human.",
    "",
    `- **Category:** ${category}`,
    `- **From:** ${inlineCode(message.from_agent, 60)} · message ${inlineCode(message.id, 60)} · thread ${inlineCode(message.thread_id, 60)}`,
    `- **Why:** ${inlineCode(reason, 400)}`,
    "",
    "### Message (secrets redacted; untrusted text)",
    quoteUntrusted(`Subject: ${message.subject}\n\n${redactedBody}`, 3000),
    "",
    `**What to do:** ${GUIDANCE[category]}`,
    "Closing this issue relays the outcome to the sender's thread.",
    "",
    renderMarker({ key, message_id: message.id, thread_id: message.thread_id, from_agent: message.from_agent }),
  ].join("\n");
  return {
    title: oneLine(`[ops-warden] ${category}: ${message.subject || "(no subject)"}`, 100),
    body,
    labels: [...labels, `escalation:${category}`],
  };
}
