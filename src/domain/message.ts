import { z } from "zod";

/** The agent name ops-warden answers to on the State Hub. */
export const WARDEN_AGENT = "ops-warden";

/** Bodies larger than this are quarantined, never planned (hub contract, issue 3). */
export const MAX_BODY_BYTES = 64 * 1024;

const agentName = z.string().min(1).max(200);

/** A message as the State Hub returns it. Every field is untrusted input. */
export const MessageSchema = z.object({
  id: z.string().min(1).max(200),
  thread_id: z.string().min(1).max(200),
  from_agent: agentName,
  to_agent: agentName,
  subject: z.string().max(1000),
  body: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  status: z.enum(["unread", "read"]),
  in_reply_to: z.string().max(200).nullable().optional(),
});
export type Message = z.infer<typeof MessageSchema>;

/** What ops-warden sends: code fills recipient and thread from the message it answers. */
export const OutgoingMessageSchema = z.object({
  thread_id: z.string().min(1),
  in_reply_to: z.string().nullable(),
  from_agent: agentName,
  to_agent: agentName,
  subject: z.string(),
  body: z.string(),
});
export type OutgoingMessage = z.infer<typeof OutgoingMessageSchema>;

/** A message the hub returned that failed validation: audited and escalated, never dropped. */
export interface QuarantinedMessage {
  /** The id if one could be read, otherwise a positional placeholder such as `page1#3`. */
  message_id: string;
  reason: string;
}

/** A progress event for the hub's events endpoint and the local audit log. */
export const HubEventSchema = z.object({
  agent: agentName,
  kind: z.string().min(1),
  message_id: z.string().nullable(),
  action: z.string().nullable(),
  outcome: z.enum(["planned", "blocked", "executed", "skipped", "deferred", "failed", "relayed", "quarantined"]),
  detail: z.record(z.string(), z.unknown()),
  at: z.iso.datetime({ offset: true }),
});
export type HubEvent = z.infer<typeof HubEventSchema>;
