import type { InboxPage } from "../../domain/hub.ts";
import type { Message } from "../../domain/message.ts";
import { MAX_BODY_BYTES, MessageSchema } from "../../domain/message.ts";
import { findBrokenText, isBrokenText } from "./text-integrity.ts";
import { describeIssues } from "./validate.ts";

/**
 * Turns the raw records of one inbox page into valid messages and quarantined items. Each record
 * is judged on its own, so a malformed one never costs the rest of the page. Both hub
 * implementations share this, which is what makes them behave identically on bad data.
 * Reasons name fields and sizes only, never content: a quarantined body may hold a secret.
 */
export function classifyRecords(records: readonly unknown[], agent: string, pageNumber: number): InboxPage {
  const judged = records.map((record, index) => judgeRecord(record, agent, `page${pageNumber}#${index + 1}`));
  const idCounts = new Map<string, number>();
  for (const { id } of judged) if (id !== undefined) idCounts.set(id, (idCounts.get(id) ?? 0) + 1);

  const page: InboxPage = { messages: [], quarantined: [] };
  for (const item of judged) {
    const duplicate = item.id !== undefined && (idCounts.get(item.id) ?? 0) > 1;
    if (item.reason !== undefined) page.quarantined.push({ message_id: item.messageId, reason: item.reason });
    else if (duplicate) page.quarantined.push({ message_id: item.messageId, reason: "duplicate id in page" });
    else if (item.message) page.messages.push(item.message);
  }
  return page;
}

interface Judged {
  /** The record's id when readable, for duplicate detection. */
  id: string | undefined;
  /** The id, or the positional placeholder when the id is unreadable. */
  messageId: string;
  message?: Message;
  reason?: string;
}

function judgeRecord(record: unknown, agent: string, placeholder: string): Judged {
  const id = readableId(record);
  const base = { id, messageId: id ?? placeholder };
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return { ...base, reason: "not a JSON object" };
  }
  const brokenAt = findBrokenText(record);
  if (brokenAt !== undefined) return { ...base, reason: `invalid UTF-8 in ${brokenAt}` };
  const body = (record as { body?: unknown }).body;
  if (typeof body === "string") {
    const bytes = Buffer.byteLength(body, "utf8");
    if (bytes > MAX_BODY_BYTES) return { ...base, reason: `body is ${bytes} bytes, over the ${MAX_BODY_BYTES}-byte limit` };
  }
  const parsed = MessageSchema.safeParse(record);
  if (!parsed.success) return { ...base, reason: `invalid message: ${describeIssues(parsed.error.issues)}` };
  if (parsed.data.to_agent !== agent) return { ...base, reason: `addressed to ${safeName(parsed.data.to_agent)}, not ${agent}` };
  if (parsed.data.status !== "unread") return { ...base, reason: "listed as unread but has status read" };
  return { ...base, message: parsed.data };
}

function readableId(record: unknown): string | undefined {
  if (record === null || typeof record !== "object") return undefined;
  const id = (record as { id?: unknown }).id;
  if (typeof id !== "string" || id.length === 0 || id.length > 200 || isBrokenText(id)) return undefined;
  return id;
}

/** Agent names are untrusted: show them only when they look like a name. */
function safeName(name: string): string {
  return /^[A-Za-z0-9._-]{1,64}$/.test(name) ? name : "another agent";
}
