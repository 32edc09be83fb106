import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HubClient } from "../../src/domain/hub.ts";
import { HubError } from "../../src/domain/errors.ts";
import { MessageSchema } from "../../src/domain/message.ts";
import type { EventLine } from "../../src/adapters/hub/file/state.ts";
import { AGENT, collect, event, outgoing, pageWithThreeMalformed, record } from "./fixtures.ts";

/** One hub implementation under test, with a back door to its storage for seeding and inspection. */
export interface HubUnderTest {
  client: HubClient;
  /** The hub's data directory (both implementations persist through the file hub store). */
  dir: string;
  events(): Promise<EventLine[]>;
  close(): Promise<void>;
}

/**
 * The State Hub contract (docs/hub-api.md), written once and run against every implementation,
 * so the HTTP client + reference server and the embedded file hub cannot drift apart.
 */
export function hubContract(name: string, factory: () => Promise<HubUnderTest>): void {
  describe(`hub contract: ${name}`, () => {
    let hub: HubUnderTest;
    beforeEach(async () => {
      hub = await factory();
    });
    afterEach(async () => {
      await hub.close();
    });

    const unreadIds = async (agent = AGENT) => (await collect(hub.client.unread(agent))).flatMap((p) => p.messages.map((m) => m.id));
    const seed = (content: string | Buffer) => writeFile(join(hub.dir, "messages.json"), content);

    it("an empty inbox is one empty page", async () => {
      expect(await collect(hub.client.unread(AGENT))).toEqual([{ messages: [], quarantined: [] }]);
    });

    it("send returns a contract message, and the same key returns the same message", async () => {
      const first = await hub.client.send(outgoing(1), "key-1");
      expect(MessageSchema.parse(first)).toEqual(first);
      expect(first).toMatchObject({ ...outgoing(1), status: "unread" });
      const replay = await hub.client.send(outgoing(1), "key-1");
      expect(replay).toEqual(first);
      const other = await hub.client.send(outgoing(1), "key-2");
      expect(other.id).not.toBe(first.id);
      expect(await unreadIds()).toEqual([first.id, other.id]);
    });

    it("gets one message by id, read or unread, and nothing for an unknown id", async () => {
      const sent = await hub.client.send(outgoing(1), "key-1");
      expect(await hub.client.get(sent.id)).toEqual(sent);
      await hub.client.markRead(sent.id);
      expect(await hub.client.get(sent.id)).toEqual({ ...sent, status: "read" });
      expect(await hub.client.get("msg-unknown")).toBeUndefined();
      await expect(hub.client.get("")).rejects.toMatchObject({ code: "invalid_request" });
    });

    it("refuses a key reused for a different message", async () => {
      await hub.client.send(outgoing(1), "key-1");
      await expect(hub.client.send(outgoing(2), "key-1")).rejects.toMatchObject({ code: "idempotency_conflict" });
    });

    it("refuses an invalid message or key before storing anything", async () => {
      await expect(hub.client.send({ ...outgoing(1), to_agent: "" }, "key-1")).rejects.toBeInstanceOf(HubError);
      await expect(hub.client.send(outgoing(1), "has space")).rejects.toMatchObject({ code: "invalid_request" });
      expect(await unreadIds()).toEqual([]);
    });

    it("pages more than 100 unread messages by cursor, in order, each once", async () => {
      // Seeded rather than sent one by one: 148 durable writes would only make the suite slow.
      const seeded = Array.from({ length: 148 }, (_, i) => record(i + 1));
      await seed(JSON.stringify({ messages: seeded }));
      const sent = [(await hub.client.send(outgoing(1), "key-1")).id, (await hub.client.send(outgoing(2), "key-2")).id];
      await hub.client.send(outgoing(3, { to_agent: "deploy-bot" }), "key-other");
      const pages = await collect(hub.client.unread(AGENT));
      expect(pages.map((p) => p.messages.length)).toEqual([100, 50]);
      expect(pages.flatMap((p) => p.messages.map((m) => m.id))).toEqual([...seeded.map((r) => r.id), ...sent]);
      expect(pages.flatMap((p) => p.quarantined)).toEqual([]);
    });

    it("marking messages read while paging skips nothing on the next page", async () => {
      const seeded = Array.from({ length: 120 }, (_, i) => record(i + 1));
      await seed(JSON.stringify({ messages: seeded }));
      const seen: string[] = [];
      for await (const page of hub.client.unread(AGENT)) {
        seen.push(...page.messages.map((m) => m.id));
        for (const index of [0, 10, page.messages.length - 1]) await hub.client.markRead(page.messages[index]?.id ?? "");
      }
      expect(seen).toEqual(seeded.map((r) => r.id));
      expect(await unreadIds()).toHaveLength(120 - 6);
    });

    it("markRead is idempotent and removes the message from unread", async () => {
      const [a, b, c] = [await hub.client.send(outgoing(1), "k1"), await hub.client.send(outgoing(2), "k2"), await hub.client.send(outgoing(3), "k3")];
      await hub.client.markRead(b.id);
      await hub.client.markRead(b.id);
      expect(await unreadIds()).toEqual([a.id, c.id]);
    });

    it("markRead of an unknown id fails with not_found", async () => {
      await expect(hub.client.markRead("msg-missing")).rejects.toMatchObject({ code: "not_found" });
    });

    it("emit records each key once", async () => {
      await hub.client.emit(event(1), "ev-1");
      await hub.client.emit(event(1), "ev-1");
      await hub.client.emit(event(2), "ev-2");
      expect((await hub.events()).map((line) => [line.key, line.event.message_id])).toEqual([["ev-1", "msg-1"], ["ev-2", "msg-2"]]);
    });

    it("refuses an invalid event", async () => {
      await expect(hub.client.emit({ ...event(1), outcome: "done" as never }, "ev-1")).rejects.toMatchObject({ code: "invalid_request" });
      expect(await hub.events()).toEqual([]);
    });

    it("quarantines 3 malformed messages among 10 and returns the other 7", async () => {
      await seed(JSON.stringify({ messages: pageWithThreeMalformed() }));
      const [page, ...rest] = await collect(hub.client.unread(AGENT));
      expect(rest).toEqual([]);
      expect(page?.messages.map((m) => m.id)).toEqual(["msg-0001", "msg-0002", "msg-0004", "msg-0005", "msg-0007", "msg-0008", "msg-0010"]);
      expect(page?.quarantined).toEqual([
        { message_id: "msg-0003", reason: expect.stringMatching(/from_agent/) },
        { message_id: "msg-0006", reason: expect.stringMatching(/body: .*expected string/) },
        { message_id: "msg-0009", reason: "body is 65537 bytes, over the 65536-byte limit" },
      ]);
    });

    it("quarantines invalid UTF-8 bytes, lone surrogates, duplicate ids and unreadable records", async () => {
      const valid = JSON.stringify(record(1));
      const rawByte = Buffer.concat([Buffer.from(JSON.stringify(record(2)).replace("OIDC", "@@")), Buffer.alloc(0)]);
      rawByte[rawByte.indexOf("@@")] = 0xff; // one byte that is not UTF-8, inside the body string
      const lone = JSON.stringify(record(3)).replace("OIDC", "\\ud800");
      const dupes = [JSON.stringify(record(4)), JSON.stringify(record(4, { subject: "again" }))];
      const parts = [Buffer.from(`{"messages":[${valid},`), rawByte, Buffer.from(`,${lone},${dupes.join(",")},"just a string",${JSON.stringify(record(7))}]}`)];
      await seed(Buffer.concat(parts));
      const [page] = await collect(hub.client.unread(AGENT));
      expect(page?.messages.map((m) => m.id)).toEqual(["msg-0001", "msg-0007"]);
      expect(page?.quarantined).toEqual([
        { message_id: "msg-0002", reason: "invalid UTF-8 in body" },
        { message_id: "msg-0003", reason: "invalid UTF-8 in body" },
        { message_id: "msg-0004", reason: "duplicate id in page" },
        { message_id: "msg-0004", reason: "duplicate id in page" },
        { message_id: "page1#6", reason: "not a JSON object" },
      ]);
    });

    it("a quarantined message with a readable id can be marked read so it stops recurring", async () => {
      await seed(JSON.stringify({ messages: pageWithThreeMalformed() }));
      await hub.client.markRead("msg-0006");
      const [page] = await collect(hub.client.unread(AGENT));
      expect(page?.quarantined.map((q) => q.message_id)).toEqual(["msg-0003", "msg-0009"]);
    });
  });
}
