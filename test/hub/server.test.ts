import { writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningHubServer } from "../../src/adapters/hub/index.ts";
import { FileHubStore, createHttpHubClient, startHubServer } from "../../src/adapters/hub/index.ts";
import { AGENT, collect, event, outgoing, tempDir } from "./fixtures.ts";

const TOKEN = "server-token-CANARY-51d0";

let server: RunningHubServer;
let dir: string;
let cleanup: () => Promise<void>;

async function call(method: string, path: string, options: { body?: unknown; raw?: string; key?: string; token?: string | null } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? TOKEN}`;
  if (options.key) headers["idempotency-key"] = options.key;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(server.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("hub-server"));
  server = await startHubServer({ store: new FileHubStore({ dir }), port: 0, token: TOKEN });
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

describe("reference hub server", () => {
  it("listens on a loopback address", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("requires the bearer token when one is configured", async () => {
    expect(await call("GET", `/v1/inbox?to_agent=${AGENT}`, { token: null })).toMatchObject({ status: 401, json: { error: { code: "unauthorized" } } });
    expect((await call("GET", `/v1/inbox?to_agent=${AGENT}`, { token: "wrong" })).status).toBe(401);
    expect(await call("GET", `/v1/inbox?to_agent=${AGENT}`)).toMatchObject({ status: 200, json: { messages: [], next_cursor: null } });
  });

  it("accepts any caller when no token is configured", async () => {
    const open = await startHubServer({ store: new FileHubStore({ dir }), port: 0 });
    try {
      expect((await fetch(`${open.url}/v1/inbox?to_agent=${AGENT}`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it("answers send with 201, a replay with 200 and the same message", async () => {
    const first = await call("POST", "/v1/messages", { body: outgoing(1), key: "k1" });
    const again = await call("POST", "/v1/messages", { body: outgoing(1), key: "k1" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json).toEqual(first.json);
  });

  it("marks read with 204, idempotently, and 404s an unknown id with a JSON error", async () => {
    const sent = await call("POST", "/v1/messages", { body: outgoing(1), key: "k1" });
    const id = (sent.json?.message as { id: string }).id;
    expect((await call("POST", `/v1/messages/${id}/read`)).status).toBe(204);
    expect((await call("POST", `/v1/messages/${id}/read`)).status).toBe(204);
    expect(await call("POST", "/v1/messages/msg-nope/read")).toMatchObject({ status: 404, json: { error: { code: "not_found" } } });
  });

  it("accepts events with 202 and records a key once", async () => {
    expect((await call("POST", "/v1/events", { body: event(1), key: "ev-1" })).status).toBe(202);
    expect((await call("POST", "/v1/events", { body: event(1), key: "ev-1" })).status).toBe(202);
    expect(await new FileHubStore({ dir }).events()).toHaveLength(1);
  });

  it.each([
    ["bad JSON", "POST", "/v1/messages", { raw: "{nope", key: "k" }, 400, "bad_json"],
    ["an invalid message", "POST", "/v1/messages", { body: { subject: 1 }, key: "k" }, 400, "invalid_request"],
    ["a send without Idempotency-Key", "POST", "/v1/messages", { body: outgoing(1) }, 400, "invalid_request"],
    ["an event without Idempotency-Key", "POST", "/v1/events", { body: event(1) }, 400, "invalid_request"],
    ["an invalid event", "POST", "/v1/events", { body: { agent: AGENT }, key: "e" }, 400, "invalid_request"],
    ["an inbox without to_agent", "GET", "/v1/inbox", {}, 400, "invalid_request"],
    ["an inbox of read messages", "GET", `/v1/inbox?to_agent=${AGENT}&status=read`, {}, 400, "invalid_request"],
    ["limit=0", "GET", `/v1/inbox?to_agent=${AGENT}&limit=0`, {}, 400, "invalid_request"],
    ["a forged cursor", "GET", `/v1/inbox?to_agent=${AGENT}&cursor=abc`, {}, 400, "invalid_request"],
    ["an unknown path", "GET", "/v1/nothing", {}, 404, "not_found"],
    ["a wrong method", "DELETE", "/v1/messages", {}, 405, "method_not_allowed"],
    ["a body over 64 KiB", "POST", "/v1/messages", { body: outgoing(1, { body: "x".repeat(70_000) }), key: "k" }, 413, "body_too_large"],
  ] as const)("answers %s with a JSON error", async (_what, method, path, options, status, code) => {
    const reply = await call(method, path, options);
    expect(reply.status).toBe(status);
    expect(reply.json).toEqual({ error: { code, message: expect.any(String) } });
  });

  it("caps limit at 100", async () => {
    const seeded = Array.from({ length: 101 }, (_, n) => ({ ...outgoing(n), id: `m-${n}`, created_at: "2026-11-20T08:00:00Z", status: "unread" }));
    await writeFile(`${dir}/messages.json`, JSON.stringify({ messages: seeded }));
    const reply = await call("GET", `/v1/inbox?to_agent=${AGENT}&limit=500`);
    expect((reply.json?.messages as unknown[]).length).toBe(100);
    expect(reply.json?.next_cursor).toEqual(expect.any(String));
  });

  it("answers 503 with Retry-After while another writer holds the lock", async () => {
    await writeFile(`${dir}/.lock`, JSON.stringify({ pid: process.pid, host: "elsewhere", acquired_at: Date.now(), token: "held" }));
    const busy = await startHubServer({ store: new FileHubStore({ dir, lock: { timeoutMs: 30 } }), port: 0 });
    try {
      const response = await fetch(`${busy.url}/v1/messages`, { method: "POST", headers: { "idempotency-key": "k" }, body: JSON.stringify(outgoing(1)) });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
    } finally {
      await busy.close();
    }
  });
});

describe("HTTP client on a real loopback socket", () => {
  it("times out against a server that accepts and never answers", async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    try {
      const client = createHttpHubClient({
        baseUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
        timeoutMs: 100,
        retry: { maxAttempts: 1 },
      });
      await expect(collect(client.unread(AGENT))).rejects.toMatchObject({ code: "timeout", message: expect.stringMatching(/no answer within 100 ms/) });
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it("works through an undici 7 Agent passed as the dispatcher", async () => {
    const dispatcher = new Agent({ connections: 1 });
    try {
      const client = createHttpHubClient({ baseUrl: server.url, token: TOKEN, dispatcher });
      const sent = await client.send(outgoing(1), "k1");
      expect((await collect(client.unread(AGENT)))[0]?.messages.map((m) => m.id)).toEqual([sent.id]);
    } finally {
      await dispatcher.close();
    }
  });
});
