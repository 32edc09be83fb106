import type { RouteAnswerView } from "../../catalog/answer.ts";
import { laneNote, ownerLine } from "../../catalog/answer.ts";
import type { QuotedStep } from "../../catalog/steps.ts";
import type { Message, OutgoingMessage } from "../../domain/message.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";

/**
 * What a reply is about, as code names it: the answered route (its id, a validated slug) or a
 * fixed phrase. The inbound subject is never echoed: it is the sender's text, and a reply
 * subject is rendered by every hub client without any check.
 */
export type ReplyTopic = { route_id: string } | { kind: "reply" };

export function replySubject(topic: ReplyTopic): string {
  return "route_id" in topic ? `Re: route ${topic.route_id}` : "Re: your message to ops-warden";
}

/** A reply always goes to the original sender, in the original thread: code decides, not the brain. */
export function replyEnvelope(message: Message, body: string, topic: ReplyTopic): OutgoingMessage {
  return {
    thread_id: message.thread_id,
    in_reply_to: message.id,
    from_agent: WARDEN_AGENT,
    to_agent: message.from_agent,
    subject: replySubject(topic),
    body,
  };
}

/** The route answer is rendered from the catalog entry alone; nothing from the message is echoed. */
export function renderRouteAnswer(view: RouteAnswerView): string {
  const lines = [`Route: ${view.title} (${view.id})`, ...view.warnings, ...facts(view)];
  if (view.steps.length > 0) lines.push("", "Steps:", ...view.steps.map((s) => `${s.n}. ${s.text}`));
  const note = laneNote(view.lane);
  if (note) lines.push("", note);
  return lines.join("\n");
}

/**
 * A follow-up in a thread that was already answered with this route: point back at that answer
 * rather than repeat it, quoting only the steps on what the follow-up asks about.
 */
export function renderRepeatedRouteAnswer(view: RouteAnswerView, onTopic: readonly QuotedStep[]): string {
  const lines = [`Same route as before in this thread: ${view.title} (${view.id}).`, ...view.warnings];
  if (view.playbook) lines.push(`Playbook: ${view.playbook}`);
  if (onTopic.length > 0) lines.push("", "On what you ask now:", ...onTopic.map((s) => `${s.n}. ${s.text}`));
  lines.push("", "If this is a different need, ask in a new thread so it is routed on its own.");
  return lines.join("\n");
}

function facts(view: RouteAnswerView): string[] {
  const lines = [`Owner: ${ownerLine(view.owner)}`, `Lane: ${view.lane} · status: ${view.status}`];
  if (view.sensitivity.length > 0) lines.push(`Sensitivity: ${view.sensitivity.join(", ")}`);
  if (view.playbook) lines.push(`Playbook: ${view.playbook}`);
  return lines;
}
