import { z } from "zod";
import { MessageSchema } from "../../domain/message.ts";

/**
 * The hub's wire shapes (docs/hub-api.md), shared by the HTTP client and the reference server.
 * Messages inside an inbox page stay `unknown` here: each is judged on its own by
 * `classifyRecords`, so the envelope can be strict without one bad message failing the page.
 */
export const InboxEnvelopeSchema = z.object({
  messages: z.array(z.unknown()),
  next_cursor: z.string().min(1).max(1000).nullable(),
});
export type InboxEnvelope = z.infer<typeof InboxEnvelopeSchema>;

export const SendResponseSchema = z.object({ message: MessageSchema });

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The error codes the hub answers with, and the HTTP status each travels with. */
export const HUB_ERROR_STATUS = {
  bad_json: 400,
  invalid_request: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  idempotency_conflict: 409,
  body_too_large: 413,
  locked: 503,
  internal: 500,
} as const;
export type HubErrorCode = keyof typeof HUB_ERROR_STATUS;

/** Idempotency keys travel in a header: printable ASCII without spaces, bounded. */
export const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, "must be 1-200 printable ASCII characters without spaces");
