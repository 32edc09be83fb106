import { request } from "node:http";

/**
 * A fetch over node:http for talking to local servers while nock is active: nock's fetch
 * passthrough loses request bodies (POSTs fail with "unusable"), its node:http passthrough does not.
 */
export async function nodeHttpFetch(input: string, init: RequestInit): Promise<Response> {
  const url = new URL(input);
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const body = typeof init.body === "string" ? init.body : undefined;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const responseHeaders = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") responseHeaders.set(k, v);
        const status = res.statusCode ?? 500;
        resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
      });
    });
    req.on("error", reject);
    init.signal?.addEventListener("abort", () => req.destroy(new Error("aborted")));
    req.end(body);
  });
}
