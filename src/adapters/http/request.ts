import type { HttpCall } from "./transport.ts";

/** Building a request and reading its answer: the plain mechanics under `callHttp`. */

export function buildUrl(baseUrl: string, call: HttpCall): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + call.path);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  return url.href;
}

export function buildInit(options: { token: string | undefined; tokenHeader?: string; dispatcher: unknown }, call: HttpCall, signal: AbortSignal): RequestInit {
  const headers: Record<string, string> = { accept: "application/json" };
  // Most services take a bearer token; OpenBao takes its own header (X-Vault-Token).
  if (options.token) headers[options.tokenHeader ?? "authorization"] = options.tokenHeader ? options.token : `Bearer ${options.token}`;
  if (call.idempotencyKey !== undefined) headers["idempotency-key"] = call.idempotencyKey;
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = { method: call.method, headers, signal, redirect: "error" };
  if (call.body !== undefined) init.body = JSON.stringify(call.body);
  // undici's extension of RequestInit; typed loosely so an undici 7 Agent fits Node's bundled types.
  if (options.dispatcher !== undefined) (init as { dispatcher?: unknown }).dispatcher = options.dispatcher;
  return init;
}

/** Thrown by `readBounded`; the transport turns it into the service's own error. */
export class ResponseTooLarge extends Error {}

/** Reads the body but refuses to buffer more than `max` bytes: every answer has a known ceiling. */
export async function readBounded(response: Response, max: number): Promise<Uint8Array> {
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
      throw new ResponseTooLarge(`response larger than ${max} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD rather than throwing. */
export function decodeLenient(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes);
}
