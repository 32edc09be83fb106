import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditTrail } from "../../src/adapters/audit/trail.ts";
import { verifyTrail } from "../../src/adapters/audit/verify-files.ts";
import type { RunningHubServer } from "../../src/adapters/hub/index.ts";
import { FileHubStore, createHttpHubClient, startHubServer } from "../../src/adapters/hub/index.ts";
import { REDACTED } from "../../src/domain/secrets.ts";
import { createSecretScanner } from "../../src/policy/secrets/index.ts";
import { sampleEvent } from "../support/audit-events.ts";

const scanner = createSecretScanner();
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "warden-trail-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const auditDir = () => join(dir, "audit");
const trailText = () => readFile(join(auditDir(), "audit-000001.jsonl"), "utf8");

/** An AWS-style access key id assembled at run time, so the repository holds no such literal. */
const plantedKey = () => `AKIA${randomBytes(10).toString("hex").toUpperCase().replace(/[^A-Z2-7]/g, "Q").slice(0, 16)}`;

describe("audit trail sink", () => {
  it("a planted secret in an event never reaches the file; the hit is counted", async () => {
    const key = plantedKey();
    const trail = new AuditTrail({ dir: auditDir(), maxFileBytes: 1 << 20, scanner });
    const event = sampleEvent(1, { reason: `brain said: use ${key} for the deploy`, detail: { note: `key=${key}` }, message_id: `m-${key}` });
    await trail.record(event);
    await trail.record(sampleEvent(2));
    await trail.flush();
    const text = await trailText();
    expect(text).not.toContain(key);
    expect(text).toContain(REDACTED);
    expect(trail.stats).toMatchObject({ written: 2, redactions: 3 });
    const first = JSON.parse(text.split("\n")[0] as string) as { event: { detail: Record<string, unknown>; reason: string } };
    expect(first.event.reason).toBe(`brain said: use ${REDACTED} for the deploy`);
    expect(first.event.detail.redactions).toBe(3);
    expect(await verifyTrail(auditDir())).toEqual({ files: 1, records: 2, head: expect.anything() });
  });

  it("writes nothing to the hub and marks nothing unsent without a hub (dry-run)", async () => {
    const trail = new AuditTrail({ dir: auditDir(), maxFileBytes: 1 << 20, scanner });
    await trail.record(sampleEvent(1));
    await trail.flush();
    expect(await trailText()).not.toContain("unsent");
    expect(trail.stats.hub).toBeUndefined();
  });

  describe("with the reference hub server", () => {
    let hubDir: string;
    let server: RunningHubServer | undefined;
    beforeEach(async () => {
      hubDir = await mkdtemp(join(tmpdir(), "warden-trail-hub-"));
    });
    afterEach(async () => {
      await server?.close();
      server = undefined;
      await rm(hubDir, { recursive: true, force: true });
    });

    it("hub down for a tick: the events wait in the file and are delivered on the next tick, once", async () => {
      const store = new FileHubStore({ dir: hubDir });
      server = await startHubServer({ store, port: 0 });
      const { url, port } = server;
      await server.close();
      server = undefined;
      const hub = createHttpHubClient({ baseUrl: url, retry: { maxAttempts: 1 } });
      const tick = async (events: number[]) => {
        const trail = new AuditTrail({ dir: auditDir(), maxFileBytes: 1 << 20, scanner, hub });
        for (const i of events) await trail.record(sampleEvent(i, { mode: "manual" }));
        await trail.flush();
        return trail.stats.hub;
      };

      const down = await tick([1, 2, 3]);
      expect(down).toMatchObject({ delivered: 0, pending: 3, error: expect.any(String) });
      expect((await trailText()).match(/"hub":"unsent"/g)).toHaveLength(3);

      server = await startHubServer({ store, port });
      expect(await tick([4, 5])).toEqual({ delivered: 5, pending: 0 });
      expect(await tick([])).toEqual({ delivered: 0, pending: 0 });

      const received = await store.events();
      // Sent a few at a time, so they may arrive in any order; each exactly once.
      expect(received.map((e) => e.event.detail.event_id).sort()).toEqual([1, 2, 3, 4, 5].map((i) => sampleEvent(i, { mode: "manual" }).id).sort());
      expect(received.map((e) => e.key)).toEqual(received.map((e) => e.event.detail.event_id));
      expect(received.find((e) => e.event.detail.event_id === sampleEvent(1, { mode: "manual" }).id)?.event).toMatchObject({ agent: "ops-warden", kind: "audit.worker", outcome: "executed", action: "reply" });
      expect(await verifyTrail(auditDir())).toEqual({ files: 1, records: 6, head: expect.anything() });
    });

    it("a hub failure in the middle of a batch: only the unbroken run before it counts as sent; the rest go again, each once by key", async () => {
      const seen = new Map<string, number>();
      let failAt: number | undefined = 6;
      const hub = {
        emit: async (_event: unknown, key: string) => {
          if (failAt !== undefined && seen.size + 1 === failAt) {
            failAt = undefined;
            throw new Error("hub answered 503");
          }
          seen.set(key, (seen.get(key) ?? 0) + 1);
        },
      } as unknown as ConstructorParameters<typeof AuditTrail>[0]["hub"];
      const tick = async (events: number[]) => {
        const trail = new AuditTrail({ dir: auditDir(), maxFileBytes: 1 << 20, scanner, hub });
        for (const i of events) await trail.record(sampleEvent(i, { mode: "manual" }));
        await trail.flush();
        return trail.stats.hub;
      };
      const first = await tick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(first?.error).toBe("hub answered 503");
      expect((first?.delivered ?? 0) + (first?.pending ?? 0)).toBe(10);
      expect(first?.delivered).toBeLessThan(10);
      const second = await tick([]);
      expect(second).toEqual({ delivered: first?.pending, pending: 0 });
      // Every event reached the hub; a re-sent one carries its own key, which the hub answers as done.
      expect([...seen.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => sampleEvent(i, { mode: "manual" }).id).sort());
    });
  });
});
