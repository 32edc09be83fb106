import type { EscalationCategory } from "../domain/action.ts";
import type { Message } from "../domain/message.ts";
import { detectEnvelope, detectHiddenBlock } from "./envelopes.ts";
import { detectHiddenText, detectInjection } from "./injection.ts";
import { mentionsProductionChange } from "./production-gate.ts";
import { detectSecretRequest, normalizeForScan } from "./secrets/index.ts";
import type { RuleId } from "./verdict.ts";

export interface Screening {
  rule: Extract<RuleId, "secret-request" | "injection" | "production">;
  category: EscalationCategory;
  reason: string;
}

/**
 * What a message's text alone says must go to a human: it asks for a secret value, it aims
 * instructions at the bot (also hidden ones), or it asks for a production change. The planner's
 * inbound gate and the RuleBrain both ask; the answer is computed once per message object.
 */
const screened = new WeakMap<Pick<Message, "subject" | "body">, Screening | null>();

export function screenMessage(message: Pick<Message, "subject" | "body">): Screening | undefined {
  let screening = screened.get(message);
  if (screening === undefined) screened.set(message, (screening = screen(`${message.subject}\n${message.body}`)));
  return screening ?? undefined;
}

function screen(raw: string): Screening | null {
  const text = normalizeForScan(raw);
  // The raw text: folding reads Cyrillic and kana as look-alike Latin, and the foreign-language asks need them.
  const request = detectSecretRequest(raw);
  if (request) return { rule: "secret-request", category: "secret", reason: `message asks for a secret value ("${request.phrase.slice(0, 80)}")` };
  // Hidden text is looked for in the raw message: normalisation deletes exactly what it looks for.
  const injection = detectHiddenText(raw) ?? detectEnvelope(raw) ?? detectHiddenBlock(raw) ?? detectInjection(text);
  if (injection) return { rule: "injection", category: "policy", reason: `message addresses instructions to ops-warden (${injection.pattern})` };
  const production = mentionsProductionChange(text);
  if (production) return { rule: "production", category: "production", reason: `message ${production}` };
  return null;
}
