import { cp, readFile, readdir, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileHubStore, createFileHubClient } from "../../src/adapters/hub/index.ts";
import { encodeCursor } from "../../src/adapters/hub/file/state.ts";
import { HubError } from "../../src/domain/errors.ts";
import { AGENT, collect, event, outgoing, record, tempDir } from "./fixtures.ts";

const SAMPLE_INBOX = fileURLToPath(new URL("../../samples/inbox", import.meta.url));
const crash = () => {
  throw new Error("simulated crash between temp write and rename");
};

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir("file-hub")));
afterEach(() => cleanup());

const unreadIds = async (client = createFileHubClient({ dir })) =>
  (await collect(client.unread(AGENT))).flatMap((p) => p.messages.map((m) => m.id));

/** Names, sizes, mtimes and contents of every file in a directory. */
async function snapshot(path: string): Promise<string[]> {
  const names = (await readdir(path)).sort();
  return Promise.all(
    names.map(async (name) => {
      const info = await stat(join(path, name));
      return `${name} ${info.size} ${info.mtimeMs} ${await readFile(join(path, name), "utf8")}`;
    }),
  );
}

describe("embedded file hub: crash safety", () => {
  it("a crash between temp write and rename leaves the previous state readable, for every write", async () => {
    const healthy = createFileHubClient({ dir });
    const first = await healthy.send(outgoing(1), "k1");
    await healthy.emit(event(1), "ev-1");
    const before = await snapshot(dir);

    const crashing = createFileHubClient({ dir, beforeRename: crash });
    await expect(crashing.send(outgoing(2), "k2")).rejects.toThrow(/simulated crash/);
    await expect(crashing.markRead(first.id)).rejects.toThrow(/simulated crash/);
    await expect(crashing.emit(event(2), "ev-2")).rejects.toThrow(/simulated crash/);

    expect(await snapshot(dir)).toEqual(before);
    expect(await unreadIds()).toEqual([first.id]);
    expect((await new FileHubStore({ dir }).events()).map((line) => line.key)).toEqual(["ev-1"]);
  });

  it("after a writer was killed mid-write (stray temp file, its lock left behind) the hub reads and writes on", async () => {
    const client = createFileHubClient({ dir });
    const first = await client.send(outgoing(1), "k1");
    await writeFile(join(dir, ".messages.json.4242.deadbeef.tmp"), '{"messages": [{"id": "half-writ');
    await writeFile(join(dir, ".lock"), JSON.stringify({ pid: 4242, host: "elsewhere", acquired_at: 0, token: "gone" }));

    expect(await unreadIds(client)).toEqual([first.id]);
    const second = await client.send(outgoing(2), "k2");
    expect(await unreadIds(client)).toEqual([first.id, second.id]);
    expect(await readdir(dir)).not.toContain(".lock");
  });
});

describe("embedded file hub: reading writes nothing", () => {
  it("listing the sample inbox changes no file and creates none", async () => {
    await cp(SAMPLE_INBOX, dir, { recursive: true });
    const before = await snapshot(dir);
    const pages = await collect(createFileHubClient({ dir }).unread(AGENT));
    expect(pages[0]?.messages.length).toBeGreaterThanOrEqual(16);
    expect(await snapshot(dir)).toEqual(before);
  });

  it("a hub directory that does not exist is an empty inbox, and stays absent", async () => {
    const missing = join(dir, "not-there");
    expect(await collect(createFileHubClient({ dir: missing }).unread(AGENT))).toEqual([{ messages: [], quarantined: [] }]);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("embedded file hub: listing sees every change", () => {
  it("a client that listed before sees a file edited in place afterwards, even at the same size", async () => {
    const client = createFileHubClient({ dir });
    const path = join(dir, "messages.json");
    await writeFile(path, JSON.stringify({ messages: [record(1)] }));
    expect(await unreadIds(client)).toEqual(["msg-0001"]);
    await writeFile(path, JSON.stringify({ messages: [record(2)] }));
    expect(await unreadIds(client)).toEqual(["msg-0002"]);
    await writeFile(path, JSON.stringify({ messages: [record(1), record(2)] }));
    expect(await unreadIds(client)).toEqual(["msg-0001", "msg-0002"]);
  });
});

describe("embedded file hub: the lock", () => {
  it("two stores writing at once lose no update", async () => {
    const a = createFileHubClient({ dir });
    const b = createFileHubClient({ dir });
    const sends = Array.from({ length: 24 }, (_, n) => (n % 2 === 0 ? a : b).send(outgoing(n), `key-${n}`));
    const ids = (await Promise.all(sends)).map((m) => m.id);
    expect(new Set(ids).size).toBe(24);
    expect((await unreadIds()).sort()).toEqual([...ids].sort());
    expect(await readdir(dir)).toEqual(["messages.json"]);
  });

  it("waits for a live writer's lock and then fails with code locked", async () => {
    await writeFile(join(dir, ".lock"), JSON.stringify({ pid: process.pid, host: "elsewhere", acquired_at: Date.now(), token: "held" }));
    const client = createFileHubClient({ dir, lock: { timeoutMs: 60, pollMs: 5 } });
    const error = await client.send(outgoing(1), "k1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: "locked", status: 503 });
  });

  it("breaks a lock whose process is dead, one that is too old, and an empty one left by a crash", async () => {
    const lockPath = join(dir, ".lock");
    const dead = { pid: 99_999_999, host: hostname(), acquired_at: Date.now(), token: "dead" };
    await writeFile(lockPath, JSON.stringify(dead));
    await createFileHubClient({ dir, lock: { timeoutMs: 50 } }).send(outgoing(1), "k1");

    await writeFile(lockPath, JSON.stringify({ ...dead, pid: process.pid, acquired_at: Date.now() - 60_000 }));
    await createFileHubClient({ dir, lock: { timeoutMs: 50, staleMs: 30_000 } }).send(outgoing(2), "k2");

    await writeFile(lockPath, "");
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    await createFileHubClient({ dir, lock: { timeoutMs: 50 } }).send(outgoing(3), "k3");
    expect(await unreadIds()).toHaveLength(3);
  });
});

describe("embedded file hub: bad state and input", () => {
  it("a messages.json that is not JSON is a hub error naming the file", async () => {
    await writeFile(join(dir, "messages.json"), "{ not json");
    await expect(collect(createFileHubClient({ dir }).unread(AGENT))).rejects.toThrow(/messages\.json is not valid JSON/);
  });

  it("a messages.json without a messages array is a hub error", async () => {
    await writeFile(join(dir, "messages.json"), JSON.stringify([record(1)]));
    await expect(collect(createFileHubClient({ dir }).unread(AGENT))).rejects.toMatchObject({ code: "internal" });
  });

  it("rejects a forged cursor", async () => {
    const store = new FileHubStore({ dir });
    await expect(store.readPage(AGENT, "bm90LWEtY3Vyc29y", 100)).rejects.toMatchObject({ code: "invalid_request" });
    expect(await store.readPage(AGENT, encodeCursor(5), 100)).toEqual({ records: [], nextCursor: null });
  });

  it("refuses a body over 64 KiB at send", async () => {
    const client = createFileHubClient({ dir });
    await expect(client.send(outgoing(1, { body: "é".repeat(32 * 1024 + 1) }), "k1")).rejects.toMatchObject({ code: "body_too_large" });
  });
});
