import type { IncomingMessage, ServerResponse } from "node:http";
import { HubError } from "../../../domain/errors.ts";
import { HubEventSchema, OutgoingMessageSchema } from "../../../domain/message.ts";
import type { FileHubStore } from "../file/store.ts";
import { checkInput } from "../validate.ts";
import { IdempotencyKeySchema } from "../wire.ts";
import { readJsonBody, sendEmpty, sendJson } from "./http-io.ts";

const MAX_PAGE = 100;

/** A matched route: the handler gets the request, the response, and the path's captured id. */
type Handler = (request: IncomingMessage, response: ServerResponse, url: URL, id: string) => Promise<void>;
interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
}

/** The contract table (docs/hub-api.md), one entry per path. */
export function hubRoutes(store: FileHubStore): Route[] {
  return [
    { pattern: /^\/v1\/inbox$/, methods: { GET: (_req, res, url) => listInbox(store, res, url) } },
    { pattern: /^\/v1\/messages$/, methods: { POST: (req, res) => sendMessage(store, req, res) } },
    { pattern: /^\/v1\/messages\/([^/]+)$/, methods: { GET: (_req, res, _url, id) => getMessage(store, res, id) } },
    { pattern: /^\/v1\/messages\/([^/]+)\/read$/, methods: { POST: (_req, res, _url, id) => markRead(store, res, id) } },
    { pattern: /^\/v1\/events$/, methods: { POST: (req, res) => recordEvent(store, req, res) } },
  ];
}

async function listInbox(store: FileHubStore, response: ServerResponse, url: URL): Promise<void> {
  const agent = url.searchParams.get("to_agent");
  if (!agent) throw badRequest("to_agent is required");
  const status = url.searchParams.get("status") ?? "unread";
  if (status !== "unread") throw badRequest("only status=unread is supported");
  const limit = parseLimit(url.searchParams.get("limit"));
  const page = await store.readPage(agent, url.searchParams.get("cursor"), limit);
  // Records go out exactly as stored, malformed ones included: judging them is the client's job.
  sendJson(response, 200, { messages: page.records, next_cursor: page.nextCursor });
}

async function sendMessage(store: FileHubStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const key = requireKey(request);
  const outgoing = checkInput(OutgoingMessageSchema, await readJsonBody(request), "message");
  const { message, created } = await store.createMessage(outgoing, key);
  sendJson(response, created ? 201 : 200, { message });
}

async function getMessage(store: FileHubStore, response: ServerResponse, rawId: string): Promise<void> {
  const record = await store.readMessage(decodeSegment(rawId));
  if (record === undefined) throw new HubError("no message with that id", { code: "not_found", status: 404 });
  sendJson(response, 200, { message: record });
}

async function markRead(store: FileHubStore, response: ServerResponse, rawId: string): Promise<void> {
  await store.markRead(decodeSegment(rawId));
  sendEmpty(response, 204);
}

async function recordEvent(store: FileHubStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const key = requireKey(request);
  const event = checkInput(HubEventSchema, await readJsonBody(request), "event");
  await store.recordEvent(event, key);
  sendEmpty(response, 202);
}

function requireKey(request: IncomingMessage): string {
  const header = request.headers["idempotency-key"];
  if (typeof header !== "string") throw badRequest("the Idempotency-Key header is required");
  return checkInput(IdempotencyKeySchema, header, "Idempotency-Key");
}

function parseLimit(value: string | null): number {
  if (value === null) return MAX_PAGE;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw badRequest("limit must be a positive integer");
  return Math.min(Number(value), MAX_PAGE);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest("message id is not valid percent-encoding");
  }
}

function badRequest(message: string): HubError {
  return new HubError(message, { code: "invalid_request", status: 400 });
}
