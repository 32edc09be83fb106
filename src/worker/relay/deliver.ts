import { auditEvent } from "../../domain/audit.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";
import { redact, redactKnownValues } from "../../domain/secrets.ts";
import { quoteUntrusted } from "../../domain/text-safety.ts";
import type { Marker } from "../render/marker.ts";
import type { RelayDeps, RelayResult } from "./context.ts";

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
 * records a `relayed` audit event (the trail sends it on to the hub's events). The whole body passes the secret scan
 * once more on the way out, whatever it was built from.
 */
export async function deliver(marker: Marker, relay: Relay, deps: RelayDeps): Promise<RelayResult> {
  const body = await scrub(relay.body, deps);
  const hub = deps.hub();
  const sent = await hub.send(
    { thread_id: marker.thread_id, in_reply_to: marker.message_id, from_agent: WARDEN_AGENT, to_agent: marker.from_agent, subject: relay.subject, body },
    relay.key,
  );
  const at = deps.now().toISOString();
  const url = "pr" in relay.link ? relay.link.pr : relay.link.issue;
  // The audit trail delivers this event to the hub's events too, in the one envelope.
  if (deps.audit) {
    await deps.audit.record(
      auditEvent({
        at,
        actor: "relay",
        mode: deps.settings.mode,
        outcome: "relayed",
        message_id: marker.message_id,
        thread_id: marker.thread_id,
        action: { kind: relay.kind, key: relay.key },
        links: { ...relay.link, hub_message: sent.id },
      }),
    );
    await deps.audit.flush();
  }
  deps.log.info({ kind: relay.kind, key: relay.key, url, hub_message: sent.id }, "relayed to the requester");
  return { outcome: "relayed", key: relay.key, hubMessage: sent.id };
}

/** Secret values found by the scanner, and the environment's credentials, become [REDACTED]. */
export async function scrub(text: string, deps: Pick<RelayDeps, "scanner" | "knownSecrets">): Promise<string> {
  const known = redactKnownValues(text, deps.knownSecrets);
  return redact(known, await deps.scanner.scan(known));
}

/** A maintainer's words, scrubbed and bounded, framed as quoted text rather than our own. */
export async function quoteMaintainer(text: string, deps: RelayDeps): Promise<string> {
  return quoteUntrusted(await scrub(text.trim(), deps), deps.settings.quoteMaxChars);
}
