import type { ZodType } from "zod";
import { HubError } from "../../domain/errors.ts";
import { describeIssues } from "../../domain/yaml-problems.ts";
import type { Message } from "../../domain/message.ts";
import { MessageSchema } from "../../domain/message.ts";

export { describeIssues } from "../../domain/yaml-problems.ts";

/** Validates what a caller hands the hub client, before anything goes on the wire or to disk. */
export function checkInput<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HubError(`invalid ${what}: ${describeIssues(parsed.error.issues)}`, { code: "invalid_request", status: 400 });
  return parsed.data;
}

export function checkMessageId(messageId: string): string {
  if (typeof messageId !== "string" || messageId.length === 0 || messageId.length > 200) {
    throw new HubError("a message id is 1-200 characters", { code: "invalid_request", status: 400 });
  }
  return messageId;
}

/** A stored record read back by id: a message, or a clear error naming what is wrong with it. */
export function storedMessage(record: unknown): Message {
  const parsed = MessageSchema.safeParse(record);
  if (!parsed.success) throw new HubError(`the stored message is malformed: ${describeIssues(parsed.error.issues)}`, { code: "bad_response" });
  return parsed.data;
}
