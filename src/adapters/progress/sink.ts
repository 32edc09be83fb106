import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { AuditEvent, AuditSink } from "../../domain/audit.ts";
import type { HubClient } from "../../domain/hub.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";

export interface ProgressSinkOptions {
  hub: Pick<HubClient, "emit">;
  /** The local JSON-lines log; undefined writes none. */
  logFile?: string;
  /** The last line of defence: known credential values are replaced in every line and event. */
  redact(text: string): string;
}

/**
 * Progress events to the hub's `/v1/events` (keyed by the event id, so a re-sent event is not
 * duplicated) and to a local JSON-lines log. Delivery to the hub is best effort: a hub that is
 * down must not undo a tick's work, and the local log still has every event.
 */
export function createProgressSink(options: ProgressSinkOptions): AuditSink & { undelivered(): number } {
  let pending: AuditEvent[] = [];
  let undelivered = 0;
  return {
    async record(event) {
      pending.push(JSON.parse(options.redact(JSON.stringify(event))) as AuditEvent);
    },
    async flush() {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      if (options.logFile) {
        await mkdir(dirname(options.logFile), { recursive: true });
        await appendFile(options.logFile, batch.map((e) => `${JSON.stringify(e)}\n`).join(""), "utf8");
      }
      for (const event of batch) {
        await options.hub.emit(toHubEvent(event), event.id).catch(() => (undelivered += 1));
      }
    },
    undelivered: () => undelivered,
  };
}

function toHubEvent(event: AuditEvent) {
  const detail: Record<string, unknown> = { ...event.detail, ...event.links, kind: event.action?.kind ?? null, rule: event.rule, reason: event.reason, tick_id: event.tick_id, mode: event.mode };
  return { agent: WARDEN_AGENT, kind: `${event.actor}.action`, message_id: event.message_id, action: event.action?.key ?? null, outcome: event.outcome, detail, at: event.at };
}
