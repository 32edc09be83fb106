import type { ZodType } from "zod";
import { HubError } from "../../../domain/errors.ts";
import type { HubClient, InboxPage } from "../../../domain/hub.ts";
import type { HubEvent, Message, OutgoingMessage } from "../../../domain/message.ts";
import { HubEventSchema, OutgoingMessageSchema } from "../../../domain/message.ts";
import { classifyRecords } from "../inbox-page.ts";
import { checkInput, checkMessageId, describeIssues } from "../validate.ts";
import { ErrorBodySchema, IdempotencyKeySchema, InboxEnvelopeSchema, SendResponseSchema } from "../wire.ts";
import type { RetryPolicy } from "../../http/retry.ts";
import { DEFAULT_RETRY_POLICY } from "../../http/retry.ts";
import type { FetchLike, HttpCall, HttpFailure, TransportOptions } from "../../http/transport.ts";
import { callHttp } from "../../http/transport.ts";

export interface HttpHubOptions {
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; never logged, never in an error. */
  token?: string | undefined;
  /** Defaults to the global fetch, looked up per call so test interceptors installed later apply. */
  fetch?: FetchLike;
  dispatcher?: unknown;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  maxResponseBytes?: number;
  /** Page size asked of the hub; the contract's maximum is 100. */
  pageSize?: number;
  /** A hub that never stops returning cursors is cut off here. */
  maxPages?: number;
  /** Aborts every call at once (SIGINT): the call fails with code `aborted`, no retry. */
  signal?: AbortSignal;
}

export const HTTP_DEFAULTS = { timeoutMs: 10_000, maxResponseBytes: 32 * 1024 * 1024, pageSize: 100, maxPages: 1_000 };

export function createHttpHubClient(options: HttpHubOptions): HubClient {
  const transport: TransportOptions = {
    service: "hub",
    baseUrl: options.baseUrl,
    token: options.token || undefined,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? HTTP_DEFAULTS.maxResponseBytes,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    clock: options.clock ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    fail: (failure: HttpFailure) => new HubError(tokenAdvice(failure, options.token), failure),
    errorDetail: hubErrorDetail,
    signal: options.signal,
  };
  const pageSize = options.pageSize ?? HTTP_DEFAULTS.pageSize;
  const maxPages = options.maxPages ?? HTTP_DEFAULTS.maxPages;
  const call = (hubCall: HttpCall) => callHttp(transport, hubCall);

  return {
    async *unread(agent: string): AsyncIterable<InboxPage> {
      const seen = new Set<string>();
      let cursor: string | null = null;
      for (let pageNumber = 1; pageNumber <= maxPages; pageNumber += 1) {
        const query: Record<string, string> = { to_agent: agent, status: "unread", limit: String(pageSize) };
        if (cursor !== null) query.cursor = cursor;
        const reply = await call({ method: "GET", path: "/v1/inbox", query, expect: [200] });
        const envelope = parseReply(reply.text, InboxEnvelopeSchema, "GET /v1/inbox");
        yield classifyRecords(envelope.messages, agent, pageNumber);
        cursor = envelope.next_cursor;
        if (cursor === null) return;
        if (seen.has(cursor)) throw new HubError("hub GET /v1/inbox: the hub returned a cursor it had already returned", { code: "bad_response" });
        seen.add(cursor);
      }
      throw new HubError(`hub GET /v1/inbox: more than ${maxPages} pages; stopping`, { code: "bad_response" });
    },

    async send(message: OutgoingMessage, idempotencyKey: string): Promise<Message> {
      const body = checkInput(OutgoingMessageSchema, message, "message");
      const key = checkInput(IdempotencyKeySchema, idempotencyKey, "idempotency key");
      const reply = await call({ method: "POST", path: "/v1/messages", body, idempotencyKey: key, expect: [200, 201] });
      return parseReply(reply.text, SendResponseSchema, "POST /v1/messages").message;
    },

    async get(messageId: string): Promise<Message | undefined> {
      const id = checkMessageId(messageId);
      const reply = await call({ method: "GET", path: `/v1/messages/${encodeURIComponent(id)}`, expect: [200, 404] });
      if (reply.status === 404) return undefined;
      return parseReply(reply.text, SendResponseSchema, "GET /v1/messages/{id}").message;
    },

    async markRead(messageId: string): Promise<void> {
      const id = checkMessageId(messageId);
      await call({ method: "POST", path: `/v1/messages/${encodeURIComponent(id)}/read`, expect: [200, 204] });
    },

    async emit(event: HubEvent, idempotencyKey: string): Promise<void> {
      const body = checkInput(HubEventSchema, event, "event");
      const key = checkInput(IdempotencyKeySchema, idempotencyKey, "idempotency key");
      await call({ method: "POST", path: "/v1/events", body, idempotencyKey: key, expect: [200, 201, 202, 204] });
    },
  };
}

/** Every answer is validated: a hub that drifts from the contract fails loudly, not silently. */
function parseReply<T>(text: string, schema: ZodType<T>, where: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HubError(`hub ${where}: answer is not JSON`, { code: "bad_response" });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HubError(`hub ${where}: answer outside the contract: ${describeIssues(parsed.error.issues)}`, { code: "bad_response" });
  return parsed.data;
}

/**
 * A 401/403 says what to do about it: a missing token and a refused one need different fixes.
 * Fixed wording either way, so nothing the hub sent (it could echo the token) is repeated.
 */
function tokenAdvice(failure: HttpFailure, token: string | undefined): string {
  if (failure.code !== "unauthorized") return failure.message;
  if (!token) return `the hub asks for a token (HTTP ${failure.status}): set WARDEN_HUB_TOKEN`;
  return `the hub refused the token in WARDEN_HUB_TOKEN (HTTP ${failure.status}): check that it is current and allowed for this hub`;
}

/** The hub's `{"error":{code,message}}`, if it sent one. */
function hubErrorDetail(text: string): { code: string; message: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const body = ErrorBodySchema.safeParse(parsed);
  return body.success ? body.data.error : undefined;
}
