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
 * What an escalation issue is built from: fields code owns or has checked. The message text is
 * not among them: the issue says where to read it (the hub), so a secret no detector recognised
 * never reaches GitHub. `quoted` is set only under `issues.quote_message`, with every line that
 * failed a check already replaced by `[line withheld: N chars]`.
 */
export interface EscalationFacts {
  category: EscalationCategory;
  /** The rules that decided, e.g. `inbound-secret`, `production`. */
  rules: readonly string[];
  /** The code-written reasons, with anything credential-shaped already withheld. */
  reason: string;
  message: Pick<Message, "id" | "thread_id" | "from_agent">;
  quoted?: readonly string[];
}

export function renderEscalationIssue(facts: EscalationFacts, key: string, labels: readonly string[]): IssueDraft {
  const { category, message } = facts;
  const body = [
    "A message to ops-warden needs a human.",
    "",
    `- **Category:** ${category}`,
    `- **Rule:** ${facts.rules.map((rule) => inlineCode(rule, 40)).join(", ") || inlineCode("passed", 40)}`,
    `- **Why:** ${inlineCode(facts.reason, 400)}`,
    `- **From:** ${inlineCode(message.from_agent, 60)} · message ${inlineCode(message.id, 60)} · thread ${inlineCode(message.thread_id, 60)}`,
    "",
    "The message is not copied here. Read it on the State Hub:",
    quoteUntrusted(`warden hub show ${shellWord(message.id)}\n# or: GET /v1/messages/${encodeURIComponent(message.id)}`, 400),
    ...(facts.quoted ? ["", "### Message (quoted by configuration; lines that fail a secret check are withheld; untrusted text)", quoteUntrusted(facts.quoted.join("\n"), 3000)] : []),
    "",
    `**What to do:** ${GUIDANCE[category]}`,
    "Closing this issue relays the outcome to the sender's thread.",
    "",
    renderMarker({ key, message_id: message.id, thread_id: message.thread_id, from_agent: message.from_agent }),
  ].join("\n");
  return {
    // The sender is hub-authenticated; still, only name characters reach the title (no @-mention, no markup).
    title: oneLine(`[ops-warden] ${category} escalation from ${message.from_agent.replace(/[^A-Za-z0-9._-]/g, "?")}`, 100),
    body,
    labels: [...labels, `escalation:${category}`],
  };
}

/** A message id as one shell word: ids are hub-assigned, but quoted anyway so a copy-paste runs nothing else. */
function shellWord(id: string): string {
  return /^[A-Za-z0-9._:-]+$/.test(id) ? id : `'${id.replace(/'/g, "'\\''")}'`;
}
