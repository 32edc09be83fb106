import { auditEvent } from "../../domain/audit.ts";
import type { AuditOutcome } from "../../domain/audit.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";
import { sendOnce } from "../execute/hub-send.ts";
import type { Marker } from "../render/marker.ts";
import type { RelayDeps, RelayResult } from "./context.ts";
import { scrub } from "./quote.ts";

export interface Relay {
  /** Audit/event kind, e.g. `pr_merged`. */
  kind: string;
  /** The hub Idempotency-Key: deterministic, so a redelivered event relays once. */
  key: string;
  subject: string;
  body: string;
  /** The GitHub artefact the relay is about. */
  link: { pr: string } | { issue: string };
}

/**
 * Sends a relay to the requester named in the (trusted) marker, in the original thread, then
 * records an audit event (the trail sends it on to the hub's events, in the one envelope):
 * `relayed`, or `skipped` when the hub already holds this news under its key (a redelivery, or
 * the executor told them first). The whole body passes the secret scan once more on the way out,
 * whatever it was built from.
 */
export async function deliver(marker: Marker, relay: Relay, deps: RelayDeps): Promise<RelayResult> {
  const body = await scrub(relay.body, deps);
  const hub = deps.hub();
  const delivery = await sendOnce(
    hub,
    { thread_id: marker.thread_id, in_reply_to: marker.message_id, from_agent: WARDEN_AGENT, to_agent: marker.from_agent, subject: relay.subject, body },
    relay.key,
  );
  const outcome: AuditOutcome = delivery.kind === "sent" ? "relayed" : "skipped";
  const hubMessage = delivery.kind === "sent" ? delivery.id : undefined;
  const at = deps.now().toISOString();
  const url = "pr" in relay.link ? relay.link.pr : relay.link.issue;
  // The audit trail delivers this event to the hub's events too, in the one envelope.
  if (deps.audit) {
    await deps.audit.record(
      auditEvent({
        at,
        actor: "relay",
        mode: deps.settings.mode,
        outcome,
        message_id: marker.message_id,
        thread_id: marker.thread_id,
        action: { kind: relay.kind, key: relay.key },
        ...(hubMessage ? {} : { rule: "already-delivered", reason: "the hub already holds this news under its key" }),
        links: { ...relay.link, ...(hubMessage ? { hub_message: hubMessage } : {}) },
      }),
    );
    await deps.audit.flush();
  }
  if (!hubMessage) {
    deps.log.info({ kind: relay.kind, key: relay.key, url }, "already relayed: the hub holds this news under its key");
    return { outcome: "skipped", key: relay.key, reason: "already delivered" };
  }
  deps.log.info({ kind: relay.kind, key: relay.key, url, hub_message: hubMessage }, "relayed to the requester");
  return { outcome: "relayed", key: relay.key, hubMessage };
}
