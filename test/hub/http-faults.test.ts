import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHttpHubClient } from "../../src/adapters/hub/index.ts";
import type { HttpHubOptions } from "../../src/adapters/hub/index.ts";
import { HubError } from "../../src/domain/errors.ts";
import { AGENT, collect, event, outgoing, record } from "./fixtures.ts";

const BASE = "https://hub.example.test";
const TOKEN = "hub-token-CANARY-7f3a9c";

/** A client whose waits are recorded instead of slept, on a clock that moves only when it "sleeps". */
function faultClient(overrides: Partial<HttpHubOptions> = {}) {
  const sleeps: number[] = [];
  let now = Date.parse("2026-11-20T08:00:00Z");
  const client = createHttpHubClient({
    baseUrl: BASE,
    token: TOKEN,
    timeoutMs: 2_000,
    clock: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    ...overrides,
  });
  return { client, sleeps, now: () => now };
}

const page = (messages: unknown[], next_cursor: string | null = null) => ({ messages, next_cursor });
const inbox = (query: Record<string, string> = {}) =>
  nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
    .get("/v1/inbox")
    .query({ to_agent: AGENT, status: "unread", limit: "100", ...query });

/** Every string reachable from an error: message, stack, cause chain, own properties. */
function everythingIn(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 5) return String(error);
  return [error.message, error.stack ?? "", JSON.stringify(error), String(error), everythingIn(error.cause, depth + 1)].join("\n");
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe("HTTP hub client under faults", () => {
  it("retries a 503 and then succeeds", async () => {
    inbox().reply(503, { error: { code: "unavailable", message: "restarting" } });
    inbox().reply(200, page([record(1)]));
    const { client, sleeps } = faultClient();
    const pages = await collect(client.unread(AGENT));
    expect(pages[0]?.messages.map((m) => m.id)).toEqual(["msg-0001"]);
    expect(sleeps).toHaveLength(1);
    expect(nock.isDone()).toBe(true);
  });

  it("waits as long as Retry-After says on a 429 (seconds)", async () => {
    inbox().reply(429, { error: { code: "rate_limited", message: "slow down" } }, { "Retry-After": "1" });
    inbox().reply(200, page([]));
    const { client, sleeps } = faultClient();
    await collect(client.unread(AGENT));
    expect(sleeps).toEqual([1000]);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    const { client, sleeps, now } = faultClient();
    inbox().reply(503, "", { "Retry-After": new Date(now() + 3_000).toUTCString() });
    inbox().reply(200, page([]));
    await collect(client.unread(AGENT));
    expect(sleeps).toEqual([3000]);
  });

  it("backs off exponentially with jitter and gives up after the attempt limit", async () => {
    inbox().times(4).reply(502, "bad gateway");
    const { client, sleeps } = faultClient({ retry: { maxAttempts: 4, baseDelayMs: 100 } });
    const error = await collect(client.unread(AGENT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ status: 502, code: "http_502" });
    expect((error as Error).message).toMatch(/gave up after 4 attempts/);
    // random() = 0.5 → three quarters of the doubling ceiling: 100, 200, 400 → 75, 150, 300.
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it("stops retrying when the next wait would pass the total time budget", async () => {
    inbox().reply(503, "", { "Retry-After": "120" });
    const { client, sleeps } = faultClient({ retry: { maxTotalMs: 30_000 } });
    await expect(collect(client.unread(AGENT))).rejects.toThrow(/would pass the 30000 ms retry budget/);
    expect(sleeps).toEqual([]);
  });

  it("retries a connection error", async () => {
    inbox().replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    inbox().reply(200, page([record(1)]));
    const { client, sleeps } = faultClient();
    expect((await collect(client.unread(AGENT)))[0]?.messages).toHaveLength(1);
    expect(sleeps).toHaveLength(1);
  });

  it("fails with a clear timeout error when the hub never answers", async () => {
    inbox().times(2).delay(5_000).reply(200, page([]));
    const { client } = faultClient({ timeoutMs: 50, retry: { maxAttempts: 2 } });
    const error = await collect(client.unread(AGENT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: "timeout", status: undefined });
    expect((error as Error).message).toBe("hub GET /v1/inbox: no answer within 50 ms; gave up after 2 attempts");
  });

  it.each([401, 403])("fails at once on %i with 'the hub refused the token in WARDEN_HUB_TOKEN', and the token appears nowhere", async (status) => {
    // A hostile hub echoes the token back; it must still not reach the error.
    inbox().reply(status, { error: { code: "unauthorized", message: `token ${TOKEN} is not valid` } });
    const { client, sleeps } = faultClient();
    const error = await collect(client.unread(AGENT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).message).toBe(`the hub refused the token in WARDEN_HUB_TOKEN (HTTP ${status}): check that it is current and allowed for this hub`);
    expect((error as HubError).status).toBe(status);
    expect(everythingIn(error)).not.toContain(TOKEN);
    expect(sleeps).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it("keeps the token out of connection errors even when the cause mentions it", async () => {
    inbox().times(5).replyWithError(Object.assign(new Error(`refused for Bearer ${TOKEN}`), { code: "ECONNREFUSED" }));
    const { client } = faultClient();
    const error = await collect(client.unread(AGENT)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "connection" });
    expect(everythingIn(error)).toContain("ECONNREFUSED");
    expect(everythingIn(error)).not.toContain(TOKEN);
  });

  it("does not retry other 4xx, and reports the hub's error code", async () => {
    nock(BASE).post("/v1/events").reply(400, { error: { code: "invalid_request", message: "at: Invalid ISO datetime" } });
    const { client, sleeps } = faultClient();
    await expect(client.emit(event(1), "ev-1")).rejects.toMatchObject({
      status: 400,
      code: "invalid_request",
      message: "hub POST /v1/events: 400 invalid_request (at: Invalid ISO datetime)",
    });
    expect(sleeps).toEqual([]);
  });

  it("a send replayed after a lost answer creates one message", async () => {
    const created = new Map<string, unknown>();
    const keys: string[] = [];
    const hub = (lose: boolean) =>
      nock(BASE)
        .post("/v1/messages")
        .reply(async (request: Request) => {
          const key = request.headers.get("idempotency-key") ?? "";
          keys.push(key);
          const fresh = !created.has(key);
          if (fresh) created.set(key, record(created.size + 1, { ...((await request.json()) as object), status: "unread" }));
          // The first answer is lost at the gateway after the hub stored the message.
          return lose ? [502, "bad gateway"] : [fresh ? 201 : 200, { message: created.get(key) }];
        });
    hub(true);
    hub(false);
    const { client } = faultClient();
    const message = await client.send(outgoing(1), "reply-key-1");
    expect(keys).toEqual(["reply-key-1", "reply-key-1"]);
    expect(created.size).toBe(1);
    expect(message).toMatchObject({ id: "msg-0001", subject: "question 1" });
  });

  it("sends the idempotency key on emit and the bearer token on every call", async () => {
    nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}`, "idempotency-key": "ev-9" } })
      .post("/v1/events", (body) => (body as { message_id?: string }).message_id === "msg-9")
      .reply(202);
    nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` } }).post("/v1/messages/msg%2F9/read").reply(204);
    const { client } = faultClient();
    await client.emit(event(9), "ev-9");
    await client.markRead("msg/9");
    expect(nock.isDone()).toBe(true);
  });

  it("follows cursors and rejects a cursor that repeats", async () => {
    inbox().reply(200, page([record(1)], "c2"));
    inbox({ cursor: "c2" }).reply(200, page([record(2)], "c3"));
    inbox({ cursor: "c3" }).reply(200, page([record(3)], "c2"));
    const { client } = faultClient();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const p of client.unread(AGENT)) seen.push(...p.messages.map((m) => m.id));
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["msg-0001", "msg-0002", "msg-0003"]);
    expect(error).toMatchObject({ code: "bad_response", message: expect.stringMatching(/cursor it had already returned/) });
  });

  it.each([
    ["not JSON", "<html>oops</html>"],
    ["no messages array", { items: [] }],
    ["a numeric cursor", { messages: [], next_cursor: 5 }],
  ])("rejects an inbox envelope with %s", async (_what, body) => {
    inbox().reply(200, body as never);
    const { client } = faultClient();
    await expect(collect(client.unread(AGENT))).rejects.toMatchObject({ code: "bad_response" });
  });

  it("rejects a send answer that is not a contract message", async () => {
    nock(BASE).post("/v1/messages").reply(201, { message: { id: "msg-1" } });
    const { client } = faultClient();
    await expect(client.send(outgoing(1), "k")).rejects.toMatchObject({ code: "bad_response", message: expect.stringMatching(/outside the contract/) });
  });

  it("quarantines a page whose bytes are not UTF-8 message by message", async () => {
    const good = JSON.stringify(record(1));
    const bad = Buffer.from(JSON.stringify(record(2)).replace("OIDC", "@"));
    bad[bad.indexOf("@")] = 0xc3; // a lead byte with no continuation
    inbox().reply(200, Buffer.concat([Buffer.from(`{"messages":[${good},`), bad, Buffer.from('],"next_cursor":null}')]));
    const { client } = faultClient();
    const [first] = await collect(client.unread(AGENT));
    expect(first?.messages.map((m) => m.id)).toEqual(["msg-0001"]);
    expect(first?.quarantined).toEqual([{ message_id: "msg-0002", reason: "invalid UTF-8 in body" }]);
  });
});
