import { openLine } from "../../audit/chain.ts";
import { isEventRecord, parseRecord } from "../../audit/records.ts";
import type { LineLocation } from "../../audit/verify.ts";
import type { AuditEvent } from "../../domain/audit.ts";
import { readAuditLines } from "./files.ts";

/**
 * Every audit event of the trail, oldest first, streamed and validated. Delivery records are
 * skipped (they say nothing about what happened); a line that cannot be read is reported through
 * `onDamaged`, never silently dropped, and `warden activity verify` says why. `mayMatch` is a
 * cheap test on the raw line: lines failing it are not parsed at all.
 */
export async function* readAuditEvents(dir: string, onDamaged: (where: LineLocation) => void, mayMatch: (text: string) => boolean = () => true): AsyncGenerator<AuditEvent> {
  for await (const line of readAuditLines(dir)) {
    if (!mayMatch(line.text)) continue;
    const opened = openLine(line.text);
    const record = opened?.intact ? parseRecord(opened.body) : undefined;
    if (!record) onDamaged(line);
    else if (isEventRecord(record)) yield record.event;
  }
}
