import type { AuditEvent } from "../domain/audit.ts";
import type { HubEvent } from "../domain/message.ts";
import { WARDEN_AGENT } from "../domain/message.ts";

/**
 * An audit event as the hub's `/v1/events` takes it (ARCHITECTURE §3). The hub's shape is
 * narrower, so the audit-only fields travel in `detail`; the event id is the idempotency key.
 */
export function toHubEvent(event: AuditEvent): HubEvent {
  return {
    agent: WARDEN_AGENT,
    kind: `audit.${event.actor}`,
    message_id: event.message_id,
    action: event.action?.kind ?? null,
    outcome: event.outcome,
    detail: {
      ...event.detail,
      event_id: event.id,
      schema: event.v,
      mode: event.mode,
      tick_id: event.tick_id,
      thread_id: event.thread_id,
      key: event.action?.key ?? null,
      rule: event.rule,
      reason: event.reason,
      links: event.links,
      duration_ms: event.duration_ms,
    },
    at: event.at,
  };
}
