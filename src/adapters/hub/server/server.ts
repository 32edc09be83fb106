import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { HubError } from "../../../domain/errors.ts";
import type { FileHubStore } from "../file/store.ts";
import { sendError } from "./http-io.ts";
import { hubRoutes } from "./routes.ts";

export interface HubServerOptions {
  store: FileHubStore;
  /** When set, every request must carry `Authorization: Bearer <token>`; when unset, any caller is accepted. */
  token?: string | undefined;
  port: number;
  host?: string;
}

export interface RunningHubServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The reference State Hub: the contract table over node:http, persisted by the file hub store. */
export async function startHubServer(options: HubServerOptions): Promise<RunningHubServer> {
  const routes = hubRoutes(options.store);
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => replyWithError(response, error));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!authorized(request, options.token)) {
      sendError(response, 401, "unauthorized", "missing or wrong bearer token");
      return;
    }
    const url = new URL(request.url ?? "/", "http://hub.invalid");
    for (const route of routes) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const handler = route.methods[request.method ?? ""];
      if (!handler) {
        sendError(response, 405, "method_not_allowed", `${request.method} is not allowed here`, { allow: Object.keys(route.methods).join(", ") });
        return;
      }
      await handler(request, response, url, match[1] ?? "");
      return;
    }
    sendError(response, 404, "not_found", "no such endpoint");
  }

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Compares digests so the comparison takes the same time whatever the guess. */
function authorized(request: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const header = request.headers.authorization ?? "";
  const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function replyWithError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof HubError && error.status !== undefined && error.status < 600) {
    const headers: Record<string, string> = error.status === 503 ? { "retry-after": "1" } : {};
    sendError(response, error.status, error.code, error.message, headers);
    return;
  }
  sendError(response, 500, "internal", "internal error");
}
