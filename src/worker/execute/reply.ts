import { actionKey } from "../../domain/keys.ts";
import type { OutgoingMessage } from "../../domain/message.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";
import type { MessagePlan } from "../plan/types.ts";
import type { TickState } from "./context.ts";
import type { ActionOutcome } from "./outcome.ts";
import { outcome } from "./outcome.ts";

/** Sends a planned reply; the action key is the Idempotency-Key, so a re-send never duplicates. */
export async function sendReply(reply: OutgoingMessage, key: string, state: TickState): Promise<ActionOutcome> {
  const sent = await state.deps.hub.send(reply, key);
  return outcome("executed", "sent", { hub_message: sent.id });
}

/**
 * Tells the requester how their PR ended when the message is still unread (a crash lost the
 * mark-read). Built from code-owned fields only: the PR title comes from the plan, which
 * scanned it, and the URL from GitHub.
 */
export async function replyPullRequestEnded(plan: MessagePlan, prKey: string, ended: "merged" | "declined", title: string, url: string, state: TickState): Promise<string> {
  const text =
    ended === "merged"
      ? `The change you asked for was merged: ${url} ("${title}").`
      : `The change you asked for was declined: a maintainer closed ${url} ("${title}") without merging it. ops-warden will not propose this change again.`;
  const reply: OutgoingMessage = {
    thread_id: plan.thread_id,
    in_reply_to: plan.message_id,
    from_agent: WARDEN_AGENT,
    to_agent: plan.from_agent,
    // Derived by code, never the sender's subject echoed back (docs/guardrails.md).
    subject: `Re: your change request (${ended})`,
    body: text,
  };
  const sent = await state.deps.hub.send(reply, actionKey(plan.message_id, "pr_outcome", prKey));
  return sent.id;
}
