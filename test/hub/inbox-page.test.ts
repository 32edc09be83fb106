import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyRecords } from "../../src/adapters/hub/inbox-page.ts";
import { findBrokenText } from "../../src/adapters/hub/text-integrity.ts";
import { AGENT, pageWithThreeMalformed, record } from "./fixtures.ts";
import { propertyRuns } from "../support/property-runs.ts";

describe("classifyRecords", () => {
  it("returns 7 messages and 3 quarantined with reasons for a page with 3 malformed among 10", () => {
    const page = classifyRecords(pageWithThreeMalformed(), AGENT, 1);
    expect(page.messages).toHaveLength(7);
    expect(page.quarantined).toEqual([
      { message_id: "msg-0003", reason: "invalid message: from_agent: Invalid input: expected string, received undefined" },
      { message_id: "msg-0006", reason: "invalid message: body: Invalid input: expected string, received number" },
      { message_id: "msg-0009", reason: "body is 65537 bytes, over the 65536-byte limit" },
    ]);
  });

  it("counts the body limit in UTF-8 bytes, not characters", () => {
    const atLimit = record(1, { body: "é".repeat(32 * 1024) }); // 65,536 bytes
    const overLimit = record(2, { body: `${"é".repeat(32 * 1024)}a` });
    const page = classifyRecords([atLimit, overLimit], AGENT, 1);
    expect(page.messages.map((m) => m.id)).toEqual(["msg-0001"]);
    expect(page.quarantined[0]?.reason).toBe("body is 65537 bytes, over the 65536-byte limit");
  });

  it("quarantines messages for another agent, read messages, bad dates and wrong types, by position when the id is unreadable", () => {
    const page = classifyRecords(
      [
        record(1, { to_agent: "deploy-bot" }),
        record(2, { status: "read" }),
        record(3, { created_at: "yesterday" }),
        record(4, { id: 17 }),
        null,
        [record(6)],
        record(7, { to_agent: "evil agent; rm -rf" }),
      ],
      AGENT,
      2,
    );
    expect(page.messages).toEqual([]);
    expect(page.quarantined).toEqual([
      { message_id: "msg-0001", reason: "addressed to deploy-bot, not ops-warden" },
      { message_id: "msg-0002", reason: "listed as unread but has status read" },
      { message_id: "msg-0003", reason: "invalid message: created_at: Invalid ISO datetime" },
      { message_id: "page2#4", reason: "invalid message: id: Invalid input: expected string, received number" },
      { message_id: "page2#5", reason: "not a JSON object" },
      { message_id: "page2#6", reason: "not a JSON object" },
      { message_id: "msg-0007", reason: "addressed to another agent, not ops-warden" },
    ]);
  });

  it("never puts message content in a reason", () => {
    const secretish = "AKIAIOSFODNN7EXAMPLE";
    const page = classifyRecords(
      [record(1, { body: 5, subject: secretish }), record(2, { from_agent: secretish.repeat(20) }), record(3, { status: secretish })],
      AGENT,
      1,
    );
    expect(page.quarantined).toHaveLength(3);
    expect(JSON.stringify(page.quarantined)).not.toContain(secretish);
  });

  it("finds broken text in nested values and keys", () => {
    expect(findBrokenText({ a: ["ok", { b: "x\uFFFDy" }] })).toBe("a[1].b");
    expect(findBrokenText({ ["k\uDC00"]: "v" })).toBe("k\uDC00");
    expect(findBrokenText({ emoji: "deploy 🚀 ok" })).toBeUndefined();
  });

  it("never throws and accounts for every record exactly once, whatever the page holds", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), fc.record({ id: fc.string(), body: fc.string() }), fc.constant(record(1)))), (records) => {
        const page = classifyRecords(records, AGENT, 1);
        expect(page.messages.length + page.quarantined.length).toBe(records.length);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
