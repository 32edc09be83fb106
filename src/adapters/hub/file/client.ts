import type { HubClient, InboxPage } from "../../../domain/hub.ts";
import type { HubEvent, Message, OutgoingMessage } from "../../../domain/message.ts";
import { HubEventSchema, OutgoingMessageSchema } from "../../../domain/message.ts";
import { classifyRecords } from "../inbox-page.ts";
import { checkInput, checkMessageId, storedMessage } from "../validate.ts";
import { IdempotencyKeySchema } from "../wire.ts";
import type { FileHubStoreOptions } from "./store.ts";
import { FileHubStore } from "./store.ts";

export const FILE_HUB_PAGE_SIZE = 100;

/**
 * The embedded hub: the same contract as the HTTP hub, in-process over a directory. Pages follow
 * a cursor exactly like the HTTP hub's, re-reading the file per page, so a message marked read
 * between pages behaves the same in both.
 */
export function createFileHubClient(options: FileHubStoreOptions & { pageSize?: number }): HubClient {
  const store = new FileHubStore(options);
  const pageSize = options.pageSize ?? FILE_HUB_PAGE_SIZE;
  return {
    async *unread(agent: string): AsyncIterable<InboxPage> {
      let cursor: string | null = null;
      for (let pageNumber = 1; ; pageNumber += 1) {
        const page = await store.readPage(agent, cursor, pageSize);
        yield classifyRecords(page.records, agent, pageNumber);
        if (page.nextCursor === null) return;
        cursor = page.nextCursor;
      }
    },

    async send(message: OutgoingMessage, idempotencyKey: string): Promise<Message> {
      const outgoing = checkInput(OutgoingMessageSchema, message, "message");
      const key = checkInput(IdempotencyKeySchema, idempotencyKey, "idempotency key");
      return (await store.createMessage(outgoing, key)).message;
    },

    async get(messageId: string): Promise<Message | undefined> {
      const record = await store.readMessage(checkMessageId(messageId));
      return record === undefined ? undefined : storedMessage(record);
    },

    async markRead(messageId: string): Promise<void> {
      await store.markRead(checkMessageId(messageId));
    },

    async emit(event: HubEvent, idempotencyKey: string): Promise<void> {
      const checked = checkInput(HubEventSchema, event, "event");
      await store.recordEvent(checked, checkInput(IdempotencyKeySchema, idempotencyKey, "idempotency key"));
    },
  };
}
