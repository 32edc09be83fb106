import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGitHubApi } from "./fake-github-api.ts";

/**
 * The fake GitHub REST API on a real local HTTP port (for child processes, benchmarks, demos).
 * `onHandled` sees each request after the API applied it and before the response is sent: a
 * test can stop the client at that exact point (the change is made, the client never hears of it).
 */
export async function serveFakeGitHub(port = 0, apiFor: (base: string) => FakeGitHubApi = (base) => new FakeGitHubApi("acme", "estate", base), onHandled?: (method: string, path: string) => void) {
  // The API needs the base URL, known only once the server listens.
  const holder: { api?: FakeGitHubApi } = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const response = holder.api!.handle(req.method ?? "GET", new URL(req.url ?? "/", holder.api!.base), text ? JSON.parse(text) : undefined, req.headers.authorization ?? null);
      onHandled?.(req.method ?? "GET", new URL(req.url ?? "/", holder.api!.base).pathname);
      res.writeHead(response.status, { "content-type": "application/json; charset=utf-8", ...response.headers });
      res.end(JSON.stringify(response.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = apiFor(base);
  holder.api = api;
  return { api, url: base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// `npx tsx test/support/fake-github-server.ts [PORT]`: a fake for trying `worker run --execute` by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await serveFakeGitHub(Number(process.argv[2] ?? 8788));
  process.stdout.write(`fake GitHub API for acme/estate on ${running.url} (Ctrl-C to stop)\n`);
  const show = () => {
    for (const item of running.api.items) process.stdout.write(`  #${item.number} ${item.pr ? "PR" : "issue"} [${item.state}] ${item.title}\n`);
  };
  process.on("SIGINT", () => {
    show();
    process.exit(0);
  });
}
