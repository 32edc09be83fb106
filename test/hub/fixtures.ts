import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HubEvent, OutgoingMessage } from "../../src/domain/message.ts";

export const AGENT = "ops-warden";

export function outgoing(n: number, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    thread_id: `thr-${n}`,
    in_reply_to: null,
    from_agent: "build-runner",
    to_agent: AGENT,
    subject: `question ${n}`,
    body: `which route gives SSH access to build host ${n}?`,
    ...overrides,
  };
}

/** A stored message record as the hub keeps it; tests break copies of it on purpose. */
export function record(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `msg-${String(n).padStart(4, "0")}`,
    thread_id: `thr-${n}`,
    from_agent: "deploy-bot",
    to_agent: AGENT,
    subject: `question ${n}`,
    body: "which route for the OIDC role of the deploy pipeline?",
    created_at: "2026-11-20T08:00:00Z",
    status: "unread",
    in_reply_to: null,
    ...overrides,
  };
}

export function event(n: number): HubEvent {
  return {
    agent: AGENT,
    kind: "worker.action",
    message_id: `msg-${n}`,
    action: "mark_read",
    outcome: "executed",
    detail: { n },
    at: "2026-11-20T08:00:00Z",
  };
}

/** Ten records, three of them broken in different ways: the quarantine scenario. */
export function pageWithThreeMalformed(): unknown[] {
  const records: unknown[] = Array.from({ length: 10 }, (_, i) => record(i + 1));
  const missingSender = record(3);
  delete missingSender.from_agent;
  records[2] = missingSender;
  records[5] = record(6, { body: 42 });
  records[8] = record(9, { body: "x".repeat(64 * 1024 + 1) });
  return records;
}

export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}
