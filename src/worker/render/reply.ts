import type { Owner, Route } from "../../domain/catalog.ts";
import type { Message, OutgoingMessage } from "../../domain/message.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";
import { oneLine } from "./untrusted.ts";

/** A reply always goes to the original sender, in the original thread: code decides, not the brain. */
export function replyEnvelope(message: Message, body: string): OutgoingMessage {
  const subject = oneLine(message.subject, 180);
  return {
    thread_id: message.thread_id,
    in_reply_to: message.id,
    from_agent: WARDEN_AGENT,
    to_agent: message.from_agent,
    subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
    body,
  };
}

/** The route answer is rendered from the catalog entry alone; nothing from the message is echoed. */
export function renderRouteAnswer(route: Route, owner: Owner | undefined, steps: readonly string[]): string {
  const lines = [
    `Route: ${route.title} (${route.id})`,
    `Owner: ${owner ? `${owner.name} (hub agent: ${owner.hub_agent})` : route.owner}`,
    `Lane: ${route.lane} · status: ${route.status}`,
  ];
  if (route.playbook) lines.push(`Playbook: ${route.playbook}`);
  if (steps.length > 0) {
    lines.push("", "First steps:", ...steps.map((step, i) => `${i + 1}. ${step}`));
  }
  lines.push("", laneNote(route));
  return lines.join("\n");
}

function laneNote(route: Route): string {
  switch (route.lane) {
    case "issue":
      return "ops-warden issues this credential itself; follow the playbook to request it.";
    case "owner-native":
      return `The owner issues this credential through its own path. ops-warden never handles the secret value.`;
    case "pointer":
      return "This is a documented pointer; the owner's documentation is authoritative.";
    case "draft":
      return "This lane is a draft: confirm with the owner before relying on it.";
  }
}
