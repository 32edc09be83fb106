import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpHubClient, createHubClient } from "../../src/adapters/hub/index.ts";
import { HubError } from "../../src/domain/errors.ts";
import { AGENT, collect } from "./fixtures.ts";

/** A real hub stand-in: `handle` decides per request; every request is counted. */
async function hub(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  closers.push(close);
  return { url, requests };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe("an interrupted hub call (SIGINT)", () => {
  it("aborts a request the hub never answers at once, without retrying", async () => {
    const { url, requests } = await hub(() => undefined); // never answers
    const controller = new AbortController();
    const listing = collect(createHttpHubClient({ baseUrl: url, timeoutMs: 600_000, signal: controller.signal }).unread(AGENT)).catch((e: unknown) => e);
    while (requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await listing;
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: "aborted", message: "hub GET /v1/inbox: interrupted" });
    expect(requests).toHaveLength(1);
  });

  it("stops waiting between retries at once, and sends nothing more", async () => {
    const { url, requests } = await hub((_req, res) => res.writeHead(503, { "content-type": "application/json" }).end('{"error":{"code":"unavailable","message":"later"}}'));
    const controller = new AbortController();
    let slept = 0;
    const client = createHttpHubClient({
      baseUrl: url,
      signal: controller.signal,
      // A wait that would outlast the test: only the abort can end it.
      sleep: () => {
        slept += 1;
        controller.abort();
        return new Promise(() => undefined);
      },
    });
    const error = await collect(client.unread(AGENT)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "aborted" });
    expect(slept).toBe(1);
    expect(requests).toHaveLength(1);
  });

  it("makes no request at all once already aborted", async () => {
    const { url, requests } = await hub((_req, res) => res.end());
    const error = await collect(createHubClient(url, { env: {}, signal: AbortSignal.abort() }).unread(AGENT)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "aborted" });
    expect(requests).toHaveLength(0);
  });
});

describe("hub token errors say what to fix", () => {
  const refusing = () => hub((req, res) => res.writeHead(req.headers.authorization ? 403 : 401, { "content-type": "application/json" }).end('{"error":{"code":"unauthorized","message":"no"}}'));

  it("without WARDEN_HUB_TOKEN: set it", async () => {
    const { url } = await refusing();
    const error = await collect(createHubClient(url, { env: {} }).unread(AGENT)).catch((e: unknown) => e);
    expect((error as Error).message).toBe("the hub asks for a token (HTTP 401): set WARDEN_HUB_TOKEN");
  });

  it("with a token the hub refuses: names the variable, never the value", async () => {
    const { url } = await refusing();
    const error = await collect(createHubClient(url, { env: { WARDEN_HUB_TOKEN: "tok-CANARY-42" } }).unread(AGENT)).catch((e: unknown) => e);
    expect((error as Error).message).toBe("the hub refused the token in WARDEN_HUB_TOKEN (HTTP 403): check that it is current and allowed for this hub");
    expect((error as Error).message).not.toContain("CANARY");
  });
});
