import { createHash, randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { HubError } from "../../../domain/errors.ts";
import type { HubEvent, Message, OutgoingMessage } from "../../../domain/message.ts";
import { MAX_BODY_BYTES, MessageSchema } from "../../../domain/message.ts";
import { describeIssues } from "../validate.ts";
import type { BeforeRename } from "../../fs/atomic-write.ts";
import { writeFileAtomic } from "../../fs/atomic-write.ts";
import type { LockOptions } from "../../fs/lock.ts";
import { processIsAlive, withLock } from "../../fs/lock.ts";
import type { EventLine, MessagesFile } from "./state.ts";
import { MessagesSnapshot } from "./snapshot.ts";
import { EVENTS_FILE, MESSAGES_FILE, decodeCursor, encodeCursor, isRecord, listedAsUnread, readEventLines, readMessagesFile } from "./state.ts";

export interface FileHubStoreOptions {
  dir: string;
  clock?: () => number;
  newId?: () => string;
  lock?: Partial<LockOptions>;
  /** Test seam: runs between the durable temp write and the rename. */
  beforeRename?: BeforeRename;
}

export interface RawPage {
  records: unknown[];
  nextCursor: string | null;
}

/**
 * The hub's state in a directory of JSON files: the persistence behind the embedded file hub and
 * behind `warden hub serve`. Reads take no lock and touch nothing (dry-run relies on that); every
 * write holds the lock and replaces one file atomically.
 */
export class FileHubStore {
  readonly dir: string;
  private readonly clock: () => number;
  private writers: Promise<unknown> = Promise.resolve();
  private readonly newId: () => string;
  private readonly lock: LockOptions;
  private readonly beforeRename: BeforeRename | undefined;
  private readonly snapshot: MessagesSnapshot;

  constructor(options: FileHubStoreOptions) {
    this.dir = options.dir;
    this.clock = options.clock ?? Date.now;
    this.newId = options.newId ?? (() => `msg-${randomUUID()}`);
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    this.lock = { timeoutMs: 5_000, staleMs: 30_000, pollMs: 15, clock: this.clock, sleep, isAlive: processIsAlive, busy: lockedError, ...options.lock };
    this.beforeRename = options.beforeRename;
    this.snapshot = new MessagesSnapshot(this.dir);
  }

  /** Up to `limit` raw unread records for `agent`, starting at `cursor`. */
  async readPage(agent: string, cursor: string | null, limit: number): Promise<RawPage> {
    const messages = await this.snapshot.messages();
    const records: unknown[] = [];
    for (let position = cursor === null ? 0 : decodeCursor(cursor); position < messages.length; position += 1) {
      if (!listedAsUnread(messages[position], agent)) continue;
      if (records.length === limit) return { records, nextCursor: encodeCursor(position) };
      records.push(messages[position]);
    }
    return { records, nextCursor: null };
  }

  /** Creates a message, or returns the one created earlier under the same key (`created: false`). */
  async createMessage(outgoing: OutgoingMessage, key: string): Promise<{ message: Message; created: boolean }> {
    const requestHash = createHash("sha256").update(JSON.stringify(outgoing)).digest("hex");
    return this.update(async () => {
      const state = await readMessagesFile(this.dir);
      const earlier = state.send_keys[key];
      if (earlier) {
        if (earlier.request_sha256 !== requestHash) {
          throw new HubError("idempotency key reused for a different message", { code: "idempotency_conflict", status: 409 });
        }
        const existing = MessageSchema.safeParse(state.messages.find((m) => isRecord(m) && m.id === earlier.message_id));
        if (existing.success) return { message: existing.data, created: false };
      }
      const message = this.newMessage(outgoing);
      state.messages.push(message);
      state.send_keys[key] = { message_id: message.id, request_sha256: requestHash };
      await this.writeMessages(state);
      return { message, created: true };
    });
  }

  /** The raw record with this id, read or unread (the first, if a corrupt file holds two); undefined if none. */
  async readMessage(messageId: string): Promise<unknown> {
    const messages = await this.snapshot.messages();
    return messages.find((m) => isRecord(m) && m.id === messageId);
  }

  /** Idempotent. Unknown ids are an error (404 on the wire). */
  async markRead(messageId: string): Promise<void> {
    await this.update(async () => {
      const state = await readMessagesFile(this.dir);
      const matches = state.messages.filter((m): m is Record<string, unknown> => isRecord(m) && m.id === messageId);
      if (matches.length === 0) throw new HubError("no message with that id", { code: "not_found", status: 404 });
      if (matches.every((m) => m.status === "read")) return;
      for (const record of matches) record.status = "read";
      await this.writeMessages(state);
    });
  }

  /** Records an event once per key; a replay is accepted and changes nothing. */
  async recordEvent(event: HubEvent, key: string): Promise<{ recorded: boolean }> {
    return this.update(async () => {
      const lines = await readEventLines(this.dir);
      if (lines.some((line) => line.key === key)) return { recorded: false };
      const next: EventLine[] = [...lines, { key, event }];
      await writeFileAtomic(join(this.dir, EVENTS_FILE), next.map((line) => `${JSON.stringify(line)}\n`).join(""), this.beforeRename);
      return { recorded: true };
    });
  }

  async events(): Promise<EventLine[]> {
    return readEventLines(this.dir);
  }

  private newMessage(outgoing: OutgoingMessage): Message {
    const bytes = Buffer.byteLength(outgoing.body, "utf8");
    if (bytes > MAX_BODY_BYTES) throw new HubError(`body is ${bytes} bytes, over the ${MAX_BODY_BYTES}-byte limit`, { code: "body_too_large", status: 413 });
    const candidate = { id: this.newId(), ...outgoing, created_at: new Date(this.clock()).toISOString(), status: "unread" };
    const parsed = MessageSchema.safeParse(candidate);
    if (!parsed.success) throw new HubError(`invalid message: ${describeIssues(parsed.error.issues)}`, { code: "invalid_request", status: 400 });
    return parsed.data;
  }

  private async writeMessages(state: MessagesFile): Promise<void> {
    await writeFileAtomic(join(this.dir, MESSAGES_FILE), `${JSON.stringify(state, null, 2)}\n`, this.beforeRename);
  }

  /**
   * Writers create the directory on first use; readers never do. Writers of this process queue
   * here first, so concurrent requests to one server wait their turn instead of polling the lock.
   */
  private async update<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writers.then(async () => {
      await mkdir(this.dir, { recursive: true });
      return withLock(this.dir, this.lock, fn);
    });
    this.writers = run.catch(() => undefined);
    return run;
  }
}

function lockedError(waitedMs: number): HubError {
  return new HubError(`file hub is locked by another writer (waited ${waitedMs} ms)`, { code: "locked", status: 503 });
}
