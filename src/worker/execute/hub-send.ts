import { HubError } from "../../domain/errors.ts";
import type { HubClient } from "../../domain/hub.ts";
import type { OutgoingMessage } from "../../domain/message.ts";

export type Delivery = { kind: "sent"; id: string } | { kind: "already-delivered" };

/**
 * Sends under an idempotency key, for the executor and the relays alike. Keys are derived from
 * the message and the outcome, and each outcome has one rendering, so a `409` means this very
 * news went out before (perhaps rendered from comments since edited): done, never a message stuck
 * unread or a relay job failing on every redelivery.
 */
export async function sendOnce(hub: HubClient, message: OutgoingMessage, key: string): Promise<Delivery> {
  try {
    return { kind: "sent", id: (await hub.send(message, key)).id };
  } catch (error) {
    if (isAlreadyDelivered(error)) return { kind: "already-delivered" };
    throw error;
  }
}

function isAlreadyDelivered(error: unknown): boolean {
  return error instanceof HubError && (error.status === 409 || error.code === "idempotency_conflict");
}
