import type { HubEvent, Message, OutgoingMessage, QuarantinedMessage } from "./message.ts";

/** One page of the unread inbox: valid messages plus the ones that failed validation. */
export interface InboxPage {
  messages: Message[];
  quarantined: QuarantinedMessage[];
}

/**
 * The State Hub, as the worker sees it. Two implementations: HTTP (`http(s)://…`) and the
 * embedded file hub (`file:PATH`). Keys make `send` and `emit` safe to retry: the same key never
 * creates a second message or event.
 */
export interface HubClient {
  /** Unread messages addressed to `agent`, page by page, following the hub's cursor. */
  unread(agent: string): AsyncIterable<InboxPage>;
  send(message: OutgoingMessage, idempotencyKey: string): Promise<Message>;
  /**
   * One message by id, read or unread; undefined when the hub knows no such id. Escalation
   * issues point here instead of quoting the message (`warden hub show <id>`).
   */
  get(messageId: string): Promise<Message | undefined>;
  /** Idempotent: marking a read message read again succeeds. */
  markRead(messageId: string): Promise<void>;
  emit(event: HubEvent, idempotencyKey: string): Promise<void>;
}
