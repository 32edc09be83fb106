import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { openLine } from "../../audit/chain.ts";
import { toHubEvent } from "../../audit/hub-event.ts";
import type { AuditRecord } from "../../audit/records.ts";
import { parseRecord } from "../../audit/records.ts";
import type { AuditEvent } from "../../domain/audit.ts";
import type { HubClient } from "../../domain/hub.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import { readAuditLines } from "./files.ts";
import type { AuditFileOptions } from "./writer.ts";
import { appendRecords } from "./writer.ts";

/** Everything up to `seq` (which lives in `file` or later) has been delivered to the hub. */
const CURSOR_FILE = "hub-cursor.json";
const CursorSchema = z.object({ file: z.string(), seq: z.number().int().nonnegative() }).strict();
type Cursor = z.infer<typeof CursorSchema>;

/** Events sent to the hub at once (as the executor's hub lanes: at most four requests in flight). */
const EVENTS_IN_FLIGHT = 4;

export interface DeliveryResult {
  delivered: number;
  /** Events still unsent (the hub failed); they go out on the next flush. */
  pending: number;
  error?: string;
}

interface Pending {
  event: AuditEvent;
  file: string;
  seq: number;
}

/**
 * Sends every event marked unsent and not yet acknowledged, oldest first and a few at a time,
 * with the event id as the idempotency key (a re-send after a crash creates nothing new on the
 * hub). The first hub failure stops the round: the rest stay unsent for the next one. Acknowledged ids are appended
 * to the chain as a `delivered` record; the cursor only saves re-reading delivered files.
 */
export async function deliverPending(options: AuditFileOptions, hub: HubClient): Promise<DeliveryResult> {
  const cursor = await readCursor(options.dir);
  const pending = await findPending(options.dir, cursor);
  const sent: string[] = [];
  let error: string | undefined;
  const items = [...pending.values()];
  // A few in flight at once: a tick's hundreds of events one by one cost seconds. Only the unbroken
  // run of acknowledged events counts as sent; any after a failure go again (same key, nothing new).
  window: for (let start = 0; start < items.length; start += EVENTS_IN_FLIGHT) {
    const batch = items.slice(start, start + EVENTS_IN_FLIGHT);
    const results = await Promise.allSettled(batch.map((item) => hub.emit(toHubEvent(item.event), item.event.id)));
    for (const [i, result] of results.entries()) {
      if (result.status === "rejected") {
        error = result.reason instanceof Error ? result.reason.message : String(result.reason);
        break window;
      }
      sent.push(batch[i]!.event.id);
    }
  }
  const written = await appendRecords(options, sent.length > 0 ? [{ delivered: { sink: "hub", ids: sent } }] : []);
  const firstUnsent = [...pending.values()][sent.length];
  const next: Cursor | undefined = firstUnsent ? { file: firstUnsent.file, seq: firstUnsent.seq - 1 } : written.at(-1);
  if (next) await writeFileAtomic(join(options.dir, CURSOR_FILE), `${JSON.stringify(next)}\n`);
  return { delivered: sent.length, pending: pending.size - sent.length, ...(error === undefined ? {} : { error }) };
}

async function findPending(dir: string, cursor: Cursor | undefined): Promise<Map<string, Pending>> {
  const pending = new Map<string, Pending>();
  for await (const line of readAuditLines(dir, cursor?.file)) {
    const record = parseQuietly(line.text);
    if (!record || record.seq <= (cursor?.seq ?? 0)) continue;
    if ("delivered" in record) for (const id of record.delivered.ids) pending.delete(id);
    else if (record.hub === "unsent") pending.set(record.event.id, { event: record.event, file: line.file, seq: record.seq });
  }
  return pending;
}

/** Damaged lines are `warden activity verify`'s business; delivery sends what it can read. */
function parseQuietly(text: string): AuditRecord | undefined {
  const opened = openLine(text);
  return opened?.intact ? parseRecord(opened.body) : undefined;
}

async function readCursor(dir: string): Promise<Cursor | undefined> {
  try {
    return CursorSchema.parse(JSON.parse(await readFile(join(dir, CURSOR_FILE), "utf8")));
  } catch {
    // No cursor (first delivery) or an unreadable one: scanning from the start is always correct.
    return undefined;
  }
}
