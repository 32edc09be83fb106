import { readAuditEvents } from "../adapters/audit/events.ts";
import type { TrailVerification } from "../adapters/audit/verify-files.ts";
import { verifyTrail } from "../adapters/audit/verify-files.ts";
import type { ActivityFilter } from "../audit/query.ts";
import { matchesFilter, NewestFirst } from "../audit/query.ts";
import type { AuditEvent } from "../domain/audit.ts";
import type { AuditLocation } from "./audit.ts";

export interface ActivityResult {
  /** Newest first. */
  events: AuditEvent[];
  /** Lines that could not be read (see `warden activity verify`). */
  damaged: number;
}

/** Streams the trail and keeps the newest `limit` matching events (0: all of them). */
export async function queryActivity(location: AuditLocation, filter: ActivityFilter, limit: number): Promise<ActivityResult> {
  let damaged = 0;
  const kept = new NewestFirst<AuditEvent>(limit);
  for await (const event of readAuditEvents(location.dir, () => (damaged += 1))) if (matchesFilter(event, filter)) kept.push(event);
  return { events: kept.result(), damaged };
}

/** Every event about one message, oldest first: its story across ticks and relays. */
export async function messageStory(location: AuditLocation, messageId: string): Promise<ActivityResult> {
  let damaged = 0;
  const events: AuditEvent[] = [];
  for await (const event of readAuditEvents(location.dir, () => (damaged += 1))) if (event.message_id === messageId) events.push(event);
  return { events, damaged };
}

export function verifyAudit(location: AuditLocation): Promise<TrailVerification> {
  return verifyTrail(location.dir);
}
