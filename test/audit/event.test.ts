import { describe, expect, it } from "vitest";
import { AuditEventSchema, auditEvent } from "../../src/domain/audit.ts";
import { MemoryAuditSink } from "../support/memory-audit.ts";

const base = { at: "2026-12-01T10:00:00.000Z", actor: "worker", mode: "dry-run", outcome: "planned" } as const;

describe("audit event", () => {
  it("fills version, id and defaults, and validates", () => {
    const event = auditEvent({ ...base, tick_id: "t1", message_id: "m1", action: { kind: "reply", key: "warden-reply-abc" } });
    expect(event).toMatchObject({ v: 1, thread_id: null, rule: null, reason: null, links: {}, duration_ms: null, detail: {} });
    expect(event.id).toMatch(/^ev-[0-9a-f]{32}$/);
    expect(AuditEventSchema.parse(event)).toEqual(event);
  });

  it("gives the same event the same id, and a different outcome a different one", () => {
    const input = { ...base, tick_id: "t1", message_id: "m1", action: { kind: "reply", key: "k" } };
    expect(auditEvent(input).id).toBe(auditEvent(input).id);
    expect(auditEvent({ ...input, outcome: "executed" }).id).not.toBe(auditEvent(input).id);
  });

  it("rejects an unknown outcome, actor or link that is not a URL", () => {
    expect(() => auditEvent({ ...base, outcome: "done" as never })).toThrow();
    expect(() => auditEvent({ ...base, actor: "llm" as never })).toThrow();
    expect(() => auditEvent({ ...base, links: { pr: "not a url" } })).toThrow();
    expect(() => AuditEventSchema.parse({ ...auditEvent(base), v: 2 })).toThrow();
  });

  it("the in-memory sink keeps recorded and flushed apart", async () => {
    const sink = new MemoryAuditSink();
    await sink.record(auditEvent({ ...base, action: { kind: "reply", key: "k" } }));
    expect(sink.flushed).toHaveLength(0);
    await sink.flush();
    await sink.record(auditEvent({ ...base, outcome: "executed", action: { kind: "reply", key: "k" } }));
    expect(sink.flushed).toHaveLength(1);
    expect(sink.outcomesOf("k")).toEqual(["planned", "executed"]);
  });
});
