import type { Message } from "../../domain/message.ts";
import type { SecretFinding } from "../../domain/secrets.ts";
import { ruleNames } from "../findings.ts";
import { screenMessage } from "../screen.ts";
import type { Verdict } from "../verdict.ts";
import { downgrade } from "../verdict.ts";

/**
 * Brain-independent checks on the inbound message, run before any brain sees it. The secret
 * findings come from the caller's scan of the same message. A message that carries a secret
 * never reaches a brain (so never a prompt); one that asks for a secret, aims instructions at
 * the bot or asks for a production change is escalated whatever a brain would say.
 * Undefined: the message may go to the brain.
 */
export function judgeInbound(message: Message, findings: readonly SecretFinding[]): Verdict | undefined {
  if (findings.length > 0) {
    return downgrade("inbound-secret", "secret", `message contains ${findings.length} secret value(s) (${ruleNames(findings)}); redacted`);
  }
  const screening = screenMessage(message);
  return screening ? downgrade(screening.rule, screening.category, screening.reason) : undefined;
}

/**
 * The message could not be screened and planned within the per-message deadline: it is not
 * trusted to be harmless just because no detector finished, so it goes to a human, and the
 * tick goes on.
 */
export function judgeOverDeadline(deadlineMs: number): Verdict {
  return downgrade("deadline", "policy", `too costly to screen: screening and planning took longer than ${deadlineMs} ms`);
}
