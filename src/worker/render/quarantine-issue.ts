import { actionKey } from "../../domain/keys.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";
import type { QuarantinedMessage } from "../../domain/message.ts";
import { inlineCode } from "../../domain/text-safety.ts";
import type { IssueDraft } from "./issue.ts";
import { renderMarker } from "./marker.ts";

/** A quarantined record's id shown only when it looks like an id; anything else could carry content. */
export function printableId(id: string): string {
  return /^[A-Za-z0-9._:#-]{1,100}$/.test(id) ? id : "(an id that is not shown: it does not look like one)";
}

export function quarantineKey(q: QuarantinedMessage): string {
  return actionKey(q.message_id, "quarantine");
}

/**
 * A record the hub returned that failed validation: a human looks at it on the hub. Code-owned
 * fields only (the id when it looks like one, and the validation reason, which names fields and
 * sizes, never content). Nobody is told on close: the marker's requester is ops-warden itself.
 */
export function renderQuarantineIssue(q: QuarantinedMessage, labels: readonly string[]): IssueDraft {
  const id = printableId(q.message_id);
  const body = [
    "A record in ops-warden's inbox did not validate, so it was not planned. It is quarantined: marked read, and escalated here.",
    "",
    `- **Record:** ${inlineCode(id, 120)}`,
    `- **Why:** ${inlineCode(q.reason, 400)}`,
    "",
    "The record is not copied here. Read it on the State Hub (`warden hub inbox` lists quarantined records), and ask its sender to send it again in the right shape.",
    "",
    renderMarker({ key: quarantineKey(q), message_id: q.message_id.slice(0, 200), thread_id: "quarantine", from_agent: WARDEN_AGENT }),
  ].join("\n");
  return { title: "[ops-warden] malformed inbox record quarantined", body, labels: [...labels, "escalation:malformed"] };
}
