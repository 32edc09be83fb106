import type { AuditActor, AuditEvent, AuditOutcome } from "../domain/audit.ts";
import { UsageError } from "../domain/errors.ts";

export interface ActivityFilter {
  since?: Date;
  message?: string;
  outcome?: AuditOutcome;
  actor?: AuditActor;
}

export function matchesFilter(event: AuditEvent, filter: ActivityFilter): boolean {
  if (filter.since && Date.parse(event.at) < filter.since.getTime()) return false;
  if (filter.message !== undefined && event.message_id !== filter.message) return false;
  if (filter.outcome && event.outcome !== filter.outcome) return false;
  if (filter.actor && event.actor !== filter.actor) return false;
  return true;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since`: a duration back from now (`90s`, `30m`, `12h`, `7d`, `2w`) or a point in time (an
 * RFC 3339 time such as `2026-12-01T09:00:00Z`, or a date, read as midnight UTC).
 */
export function parseSince(value: string, now: Date): Date {
  const duration = /^(\d+)([smhdw])$/.exec(value.trim());
  if (duration) return new Date(now.getTime() - Number(duration[1]) * (UNIT_MS[duration[2] as string] as number));
  if (/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(value.trim())) {
    const time = Date.parse(value.trim());
    if (!Number.isNaN(time)) return new Date(time);
  }
  throw new UsageError(`--since ${JSON.stringify(value)} is neither a duration (30m, 12h, 7d, 2w) nor a time (2026-12-01T09:00:00Z or 2026-12-01)`);
}

/** Keeps the newest `limit` items of a stream in constant memory (0 keeps all). */
export class NewestFirst<T> {
  private items: T[] = [];
  constructor(private readonly limit: number) {}

  push(item: T): void {
    this.items.push(item);
    // Trimming in batches keeps push amortised O(1) instead of shifting the array each time.
    if (this.limit > 0 && this.items.length >= this.limit * 2) this.items = this.items.slice(-this.limit);
  }

  result(): T[] {
    const kept = this.limit > 0 ? this.items.slice(-this.limit) : this.items;
    return [...kept].reverse();
  }
}

/**
 * What a raw line holds, read from its fixed prefix `{"seq":N,"prev":"<64 hex>","event"|"delivered"`
 * without parsing it. Queries over millions of lines parse only the lines they keep.
 */
export function lineKind(text: string): "event" | "delivered" | "unknown" {
  const prev = text.indexOf('"prev":"');
  if (prev < 0) return "unknown";
  const after = prev + '"prev":"'.length + 64;
  if (text.startsWith('","event":', after)) return "event";
  if (text.startsWith('","delivered":', after)) return "delivered";
  return "unknown";
}

/**
 * A necessary condition for an event line to match `filter`, on the raw text: JSON writes these
 * fields as `"name":"value"` and escapes every quote inside a string, so a line lacking the exact
 * pair cannot match. (It can hold the pair elsewhere, e.g. as a `detail` key: callers re-check.)
 */
export function rawMayMatch(text: string, filter: ActivityFilter): boolean {
  if (filter.message !== undefined && !text.includes(`"message_id":${JSON.stringify(filter.message)}`)) return false;
  if (filter.outcome && !text.includes(`"outcome":"${filter.outcome}"`)) return false;
  if (filter.actor && !text.includes(`"actor":"${filter.actor}"`)) return false;
  if (filter.since) {
    // The first `"at":"` of an event line is the event's own time (seq, prev, then v, id, at).
    const start = text.indexOf('"at":"') + '"at":"'.length;
    const at = Date.parse(text.slice(start, text.indexOf('"', start)));
    if (!Number.isNaN(at) && at < filter.since.getTime()) return false;
  }
  return true;
}
