import type { EscalationCategory } from "../../domain/action.ts";
import type { Message } from "../../domain/message.ts";
import type { SecretFinding } from "../../domain/secrets.ts";
import { detectHiddenText, detectInjection } from "../../policy/injection.ts";
import { mentionsProductionChange } from "../../policy/production-gate.ts";
import { detectSecretRequest, normalizeForScan } from "../../policy/secrets/index.ts";
import type { RuleId } from "../../policy/verdict.ts";
import { ruleNames } from "./secret-check.ts";

export interface GateDecision {
  rule: RuleId;
  category: EscalationCategory;
  reason: string;
}

/**
 * Brain-independent checks on the inbound message, run before any brain sees it. The secret findings come from
 * the caller's scan of the same message. A message that carries a secret never reaches a brain (so never a prompt); one that asks for a secret, aims
 * instructions at the bot or asks for a production change is escalated whatever a brain says.
 */
export function inboundGate(message: Message, findings: readonly SecretFinding[]): GateDecision | undefined {
  const raw = `${message.subject}\n${message.body}`;
  if (findings.length > 0) {
    return { rule: "inbound-secret", category: "secret", reason: `message contains ${findings.length} secret value(s) (${ruleNames(findings)}); redacted` };
  }
  const text = normalizeForScan(raw);
  const request = detectSecretRequest(text);
  if (request) return { rule: "secret-request", category: "secret", reason: `message asks for a secret value ("${request.phrase.slice(0, 80)}")` };
  // Invisible tag characters and bidi overrides are removed by normalisation, so they are
  // looked for in the raw text: text a reader cannot see is not something to act on.
  const injection = detectHiddenText(raw) ?? detectInjection(text);
  if (injection) return { rule: "injection", category: "policy", reason: `message addresses instructions to ops-warden (${injection.pattern})` };
  const production = mentionsProductionChange(text);
  if (production) return { rule: "production", category: "production", reason: `message ${production}` };
  return undefined;
}
