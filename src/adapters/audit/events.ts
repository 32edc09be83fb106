import type { LineLocation } from "../../audit/verify.ts";
import { openLine } from "../../audit/chain.ts";
import { DeliveredRecordSchema, EventRecordSchema } from "../../audit/records.ts";
import type { AuditEvent } from "../../domain/audit.ts";
import { readAuditLines } from "./files.ts";

/**
 * Every audit event of the trail, oldest first, streamed. Delivery records are skipped (they say
 * nothing about what happened); a line that cannot be read is reported through `onDamaged`, never
 * silently dropped, and `warden activity verify` says why.
 */
export async function* readAuditEvents(dir: string, onDamaged: (where: LineLocation) => void): AsyncGenerator<AuditEvent> {
  for await (const line of readAuditLines(dir)) {
    const opened = openLine(line.text);
    if (!opened?.intact) {
      onDamaged(line);
      continue;
    }
    const record = parseEventRecord(opened.body);
    if (record === undefined) onDamaged(line);
    else if (record !== DELIVERY) yield record;
  }
}

const DELIVERY = "delivery";

function parseEventRecord(body: string): AuditEvent | typeof DELIVERY | undefined {
  try {
    const json = JSON.parse(body) as unknown;
    if (typeof json === "object" && json !== null && "delivered" in json) return DeliveredRecordSchema.safeParse(json).success ? DELIVERY : undefined;
    const parsed = EventRecordSchema.safeParse(json);
    return parsed.success ? parsed.data.event : undefined;
  } catch {
    return undefined;
  }
}
