/**
 * State Hub figures: how fast a page is judged, how fast the file hub lists and writes, and what
 * the HTTP round trip to the reference server costs. Prints figures; asserts nothing.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileHubStore, createFileHubClient, createHttpHubClient, startHubServer } from "../src/adapters/hub/index.ts";
import { classifyRecords } from "../src/adapters/hub/inbox-page.ts";

const AGENT = "ops-warden";

function records(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, n) => ({
    id: `msg-${n}`,
    thread_id: `thr-${n}`,
    from_agent: "build-runner",
    to_agent: AGENT,
    subject: `question ${n}`,
    body: "I need SSH access to the build hosts for the nightly runner. ".repeat(6),
    created_at: "2026-11-20T08:00:00Z",
    status: "unread",
    in_reply_to: null,
  }));
}

async function timed(label: string, count: number, unit: string, fn: () => Promise<void> | void): Promise<void> {
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  console.log(`${label.padEnd(52)} ${(count / (ms / 1000)).toFixed(0).padStart(9)} ${unit}/s  (${count} in ${ms.toFixed(0)} ms)`);
}

async function drain(client: { unread(agent: string): AsyncIterable<unknown> }): Promise<void> {
  for await (const _page of client.unread(AGENT)) {
    // Listing is the work being measured.
  }
}

export async function main(): Promise<void> {
  const page = records(100);
  await timed("classify 100-message pages", 200 * 100, "messages", () => {
    for (let i = 0; i < 200; i += 1) classifyRecords(page, AGENT, 1);
  });

  const dir = await mkdtemp(join(tmpdir(), "hub-bench-"));
  try {
    for (const count of [1_000, 10_000]) {
      await writeFile(join(dir, "messages.json"), JSON.stringify({ messages: records(count) }));
      await timed(`file hub: list ${count} unread`, count, "messages", () => drain(createFileHubClient({ dir })));
    }

    const writeDir = join(dir, "writes");
    const client = createFileHubClient({ dir: writeDir });
    const outgoing = { thread_id: "t", in_reply_to: null, from_agent: AGENT, to_agent: "build-runner", subject: "Re: q", body: "route answer" };
    await timed("file hub: send (lock + fsync + rename), 200 msgs", 200, "sends", async () => {
      for (let n = 0; n < 200; n += 1) await client.send(outgoing, `k-${n}`);
    });

    await writeFile(join(dir, "messages.json"), JSON.stringify({ messages: records(1_000) }));
    const server = await startHubServer({ store: new FileHubStore({ dir }), port: 0 });
    try {
      const http = createHttpHubClient({ baseUrl: server.url });
      await timed("HTTP client + reference server: list 1000 unread", 1_000, "messages", () => drain(http));
      await timed("HTTP client + reference server: send, 200 msgs", 200, "sends", async () => {
        for (let n = 0; n < 200; n += 1) await http.send(outgoing, `h-${n}`);
      });
    } finally {
      await server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
