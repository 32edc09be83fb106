import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { HubError } from "../../../domain/errors.ts";
import { HubEventSchema } from "../../../domain/message.ts";
import { describeIssues } from "../validate.ts";
import { decodeLenient } from "../../http/request.ts";

/**
 * The file hub's on-disk layout (documented in docs/hub-api.md):
 *   messages.json  {"messages": [record…], "send_keys": {key: {message_id, request_sha256}}}
 *   events.jsonl   one {"key", "event"} object per line
 * Each write replaces one whole file atomically, so every operation is all-or-nothing.
 * Records stay `unknown` so malformed ones survive on disk and are quarantined on read, not lost.
 */
export const MESSAGES_FILE = "messages.json";
export const EVENTS_FILE = "events.jsonl";

const SendKeySchema = z.object({ message_id: z.string(), request_sha256: z.string() });

export const MessagesFileSchema = z.looseObject({
  messages: z.array(z.unknown()),
  send_keys: z.record(z.string(), SendKeySchema).default({}),
});
export type MessagesFile = z.infer<typeof MessagesFileSchema>;

export const EventLineSchema = z.object({ key: z.string(), event: HubEventSchema });
export type EventLine = z.infer<typeof EventLineSchema>;

/** Reads messages.json; a missing file is an empty hub. Never writes, never creates anything. */
export async function readMessagesFile(dir: string): Promise<MessagesFile> {
  const text = await readText(join(dir, MESSAGES_FILE));
  if (text === undefined) return { messages: [], send_keys: {} };
  const parsed = MessagesFileSchema.safeParse(parseJson(text, MESSAGES_FILE));
  if (!parsed.success) throw corrupt(`${MESSAGES_FILE} is not a hub messages file: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

export async function readEventLines(dir: string): Promise<EventLine[]> {
  const text = await readText(join(dir, EVENTS_FILE));
  if (text === undefined) return [];
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const parsed = EventLineSchema.safeParse(parseJson(line, `${EVENTS_FILE} line ${index + 1}`));
      if (!parsed.success) throw corrupt(`${EVENTS_FILE} line ${index + 1}: ${describeIssues(parsed.error.issues)}`);
      return parsed.data;
    });
}

/** File bytes decoded leniently: invalid UTF-8 inside a message becomes U+FFFD and that message is quarantined. */
async function readText(path: string): Promise<string | undefined> {
  try {
    return decodeLenient(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new HubError(`file hub: cannot read ${path}`, { code: "internal", cause: error });
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw corrupt(`${what} is not valid JSON`, error);
  }
}

function corrupt(message: string, cause?: unknown): HubError {
  return new HubError(`file hub: ${message}`, { code: "internal", status: 500, cause });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Whether a stored record belongs in `agent`'s unread inbox. Records too broken to say who they are
 * for are listed for every reader, so they surface as quarantined instead of vanishing.
 */
export function listedAsUnread(record: unknown, agent: string): boolean {
  if (!isRecord(record)) return true;
  if (record.status === "read") return false;
  return typeof record.to_agent !== "string" || record.to_agent === agent;
}

/** Cursors are opaque to clients: the position in the messages array to continue from. */
export function encodeCursor(position: number): string {
  return Buffer.from(`v1:${position}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): number {
  const match = /^v1:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match?.[1]) throw new HubError("invalid cursor", { code: "invalid_request", status: 400 });
  return Number(match[1]);
}
