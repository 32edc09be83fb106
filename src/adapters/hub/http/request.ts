import { HubError } from "../../../domain/errors.ts";
import type { HubCall, TransportOptions } from "./transport.ts";

/** Building a hub request and reading its answer: the plain mechanics under `callHub`. */

export function buildUrl(baseUrl: string, call: HubCall): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + call.path);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  return url.href;
}

export function buildInit(options: TransportOptions, call: HubCall, signal: AbortSignal): RequestInit {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (call.idempotencyKey !== undefined) headers["idempotency-key"] = call.idempotencyKey;
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = { method: call.method, headers, signal, redirect: "error" };
  if (call.body !== undefined) init.body = JSON.stringify(call.body);
  // undici's extension of RequestInit; typed loosely so an undici 7 Agent fits Node's bundled types.
  if (options.dispatcher !== undefined) (init as { dispatcher?: unknown }).dispatcher = options.dispatcher;
  return init;
}

/** Reads the body but refuses to buffer more than `max` bytes: an inbox page has a known ceiling. */
export async function readBounded(response: Response, max: number, where: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new HubError(`hub ${where}: response larger than ${max} bytes`, { code: "bad_response", status: response.status });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
