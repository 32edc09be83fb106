import { z } from "zod";
import { AuditEventSchema } from "../domain/audit.ts";

/**
 * What one line of the audit file holds, besides its chain fields. An `event` line is one audit
 * event; `hub: "unsent"` marks an event the hub has not acknowledged yet. A `delivered` line
 * records, later in the same append-only chain, which of those the hub then accepted.
 */
const chainFields = { seq: z.number().int().positive(), prev: z.string().regex(/^[0-9a-f]{64}$/) };

export const EventRecordSchema = z
  .object({ ...chainFields, event: AuditEventSchema, hub: z.literal("unsent").optional() })
  .strict();

export const DeliveredRecordSchema = z
  .object({ ...chainFields, delivered: z.object({ sink: z.literal("hub"), ids: z.array(z.string().min(1)).min(1) }).strict() })
  .strict();

export const AuditRecordSchema = z.union([EventRecordSchema, DeliveredRecordSchema]);
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
export type EventRecord = z.infer<typeof EventRecordSchema>;

export function isEventRecord(record: AuditRecord): record is EventRecord {
  return "event" in record;
}

/**
 * Parses a line body (JSON text) as a record; undefined when it is not one. The record kind is
 * picked by its key first, so each line is checked against one schema, not tried against both.
 */
export function parseRecord(body: string): AuditRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const schema = typeof json === "object" && json !== null && "delivered" in json ? DeliveredRecordSchema : EventRecordSchema;
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
