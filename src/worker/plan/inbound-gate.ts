import type { EscalationCategory } from "../../domain/action.ts";
import type { Message } from "../../domain/message.ts";
import type { SecretFinding } from "../../domain/secrets.ts";
import { screenMessage } from "../../policy/screen.ts";
import type { RuleId } from "../../policy/verdict.ts";
import { ruleNames } from "./secret-check.ts";

export interface GateDecision {
  rule: RuleId;
  category: EscalationCategory;
  reason: string;
}

/**
 * Brain-independent checks on the inbound message, run before any brain sees it. The secret
 * findings come from the caller's scan of the same message. A message that carries a secret
 * never reaches a brain (so never a prompt); one that asks for a secret, aims instructions at
 * the bot or asks for a production change is escalated whatever a brain would say.
 */
export function inboundGate(message: Message, findings: readonly SecretFinding[]): GateDecision | undefined {
  if (findings.length > 0) {
    return { rule: "inbound-secret", category: "secret", reason: `message contains ${findings.length} secret value(s) (${ruleNames(findings)}); redacted` };
  }
  return screenMessage(message);
}
