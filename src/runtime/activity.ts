import type { AuditLine } from "../adapters/audit/files.ts";
import { listAuditFiles, readAuditLines } from "../adapters/audit/files.ts";
import type { TrailVerification } from "../adapters/audit/verify-files.ts";
import { verifyTrail } from "../adapters/audit/verify-files.ts";
import { openLine } from "../audit/chain.ts";
import type { ActivityFilter } from "../audit/query.ts";
import { lineKind, matchesFilter, NewestFirst, rawMayMatch } from "../audit/query.ts";
import { isEventRecord, parseRecord } from "../audit/records.ts";
import type { AuditEvent } from "../domain/audit.ts";
import type { AuditLocation } from "./audit.ts";

export interface ActivityResult {
  /** Newest first for `queryActivity`, oldest first for `messageStory`. */
  events: AuditEvent[];
  /** Lines that could not be read (see `warden activity verify`). */
  damaged: number;
}

/**
 * Streams the trail and keeps the newest `limit` matching events (0: all of them). Lines are
 * kept raw and only the kept ones are checked and validated, so a query over millions of events
 * costs a read and a substring test per line, in memory bounded by `limit`.
 */
export async function queryActivity(location: AuditLocation, filter: ActivityFilter, limit: number): Promise<ActivityResult> {
  const kept = new NewestFirst<AuditLine>(limit);
  const damaged = await scanMatching(location, filter, (line) => kept.push(line));
  return decode(kept.result(), damaged);
}

/** Every event about one message, oldest first: its story across ticks and relays. */
export async function messageStory(location: AuditLocation, messageId: string): Promise<ActivityResult> {
  const lines: AuditLine[] = [];
  const damaged = await scanMatching(location, { message: messageId }, (line) => lines.push(line));
  return decode(lines, damaged);
}

/**
 * The message ids in the trail that start with `prefix`: the compact plan shows ids cut short,
 * and `activity show` takes what it shows. Only lines holding the prefix as a message id are decoded.
 */
export async function messageIdsStartingWith(location: AuditLocation, prefix: string): Promise<string[]> {
  const needle = `"message_id":${JSON.stringify(prefix).slice(0, -1)}`;
  const lines: AuditLine[] = [];
  for await (const line of readAuditLines(location.dir)) if (line.text.includes(needle)) lines.push(line);
  const ids = decode(lines, 0).events.flatMap((e) => (e.message_id?.startsWith(prefix) ? [e.message_id] : []));
  return [...new Set(ids)];
}

/** Hands every event line that matches to `onMatch`; returns how many lines were not records. */
async function scanMatching(location: AuditLocation, filter: ActivityFilter, onMatch: (line: AuditLine) => void): Promise<number> {
  let damaged = 0;
  for await (const line of readAuditLines(location.dir)) {
    const kind = lineKind(line.text);
    if (kind === "unknown") damaged += 1;
    if (kind === "event" && rawMayMatch(line.text, filter) && exactMatch(line.text, filter)) onMatch(line);
  }
  return damaged;
}

/** True when the trail has at least one audit file: an absent trail is not an empty one. */
export async function trailExists(location: AuditLocation): Promise<boolean> {
  return (await listAuditFiles(location.dir)).length > 0;
}

export function verifyAudit(location: AuditLocation): Promise<TrailVerification> {
  return verifyTrail(location.dir);
}

/** The raw test may be fooled by a `detail` key of the same name: the parsed event decides. */
function exactMatch(text: string, filter: ActivityFilter): boolean {
  if (filter.message === undefined && !filter.outcome && !filter.actor) return true;
  try {
    return matchesFilter((JSON.parse(text) as { event: AuditEvent }).event, filter);
  } catch {
    return true; // Kept, so that decoding reports it as damaged rather than hiding it.
  }
}

/** Full check of the kept lines: intact seal and a valid record, else counted as damaged. */
function decode(lines: readonly AuditLine[], damaged: number): ActivityResult {
  const events: AuditEvent[] = [];
  for (const line of lines) {
    const opened = openLine(line.text);
    const record = opened?.intact ? parseRecord(opened.body) : undefined;
    if (record && isEventRecord(record)) events.push(record.event);
    else damaged += 1;
  }
  return { events, damaged };
}
