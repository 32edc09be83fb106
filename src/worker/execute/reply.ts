import type { ForgePullRequest } from "../../domain/forge.ts";
import type { OutgoingMessage } from "../../domain/message.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";
import type { MessagePlan } from "../plan/types.ts";
import { pullRequestOutcome } from "../relay/pr-outcome.ts";
import type { TickState } from "./context.ts";
import { sendOnce } from "./hub-send.ts";
import type { ActionOutcome } from "./outcome.ts";
import { outcome } from "./outcome.ts";

const ALREADY = "the hub already holds this reply under its key";

/** Sends a planned reply; the action key is the Idempotency-Key, so a re-send never duplicates. */
export async function sendReply(reply: OutgoingMessage, key: string, state: TickState): Promise<ActionOutcome> {
  const delivery = await sendOnce(state.deps.hub, reply, key);
  return delivery.kind === "sent" ? outcome("executed", "sent", { hub_message: delivery.id }) : outcome("skipped", "already-delivered", { reason: ALREADY });
}

/**
 * Tells the requester how their PR ended when the message is still unread (a crash lost the
 * mark-read): the relay's rendering and key for the same news, so whichever of the two comes
 * first is the one message the requester gets.
 */
export async function replyPullRequestEnded(plan: MessagePlan, prKey: string, ended: "merged" | "declined", pr: ForgePullRequest, state: TickState): Promise<ActionOutcome> {
  const marker = { key: prKey, message_id: plan.message_id, thread_id: plan.thread_id, from_agent: plan.from_agent };
  const { deps } = state;
  const quote = { scanner: deps.scanner, knownSecrets: deps.knownSecrets, quoteMaxChars: deps.config.relay.quote_max_chars, linkHosts: deps.config.replies.link_hosts };
  const notice = await pullRequestOutcome(ended, marker, pr, { forge: deps.github, quote });
  const message: OutgoingMessage = { thread_id: plan.thread_id, in_reply_to: plan.message_id, from_agent: WARDEN_AGENT, to_agent: plan.from_agent, subject: notice.subject, body: notice.body };
  const delivery = await sendOnce(deps.hub, message, notice.key);
  return outcome("skipped", ended, { url: pr.url, ...(delivery.kind === "sent" ? { hub_message: delivery.id } : { reason: `${ended}; ${ALREADY}` }) });
}
