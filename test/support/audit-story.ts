import type { AuditEvent, AuditEventInput } from "../../src/domain/audit.ts";
import { auditEvent } from "../../src/domain/audit.ts";

/**
 * A small, fixed history: a dry-run tick that plans, a manual tick that acts, and a relay that
 * reports a merge. Times are fixed so table snapshots are stable.
 */
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute, 0)).toISOString();
const tick1 = { actor: "worker", mode: "dry-run", tick_id: "t-1" } as const;
const tick2 = { actor: "worker", mode: "manual", tick_id: "t-2" } as const;
const change = { kind: "propose_catalog_change", key: "warden-propose_catalog_change-aaa" };
const issue = { kind: "escalate", key: "warden-escalate-bbb" };
const PR = "https://github.com/acme/infra/pull/7";

const story: AuditEventInput[] = [
  { ...tick1, at: at(0), outcome: "planned", message_id: "msg-a", thread_id: "thr-a", action: change, rule: "passed", detail: { op: "add" } },
  { ...tick1, at: at(0), outcome: "blocked", message_id: "msg-b", thread_id: "thr-b", action: { kind: "reply", key: "warden-reply-ccc" }, rule: "production", reason: "touches a production route" },
  { ...tick1, at: at(0), outcome: "planned", message_id: "msg-b", thread_id: "thr-b", action: issue, rule: "production", reason: "touches a production route" },
  { ...tick1, at: at(0), outcome: "deferred", message_id: "msg-c", thread_id: "thr-c", rule: "deferred", reason: "per-tick pull request budget (5) reached" },
  { ...tick1, at: at(0), outcome: "planned", action: { kind: "tick", key: "t-1" }, detail: { messages: 3 } },
  { ...tick2, at: at(5), outcome: "executed", message_id: "msg-a", thread_id: "thr-a", action: change, links: { pr: PR }, duration_ms: 812 },
  { ...tick2, at: at(5), outcome: "executed", message_id: "msg-b", thread_id: "thr-b", action: issue, links: { issue: "https://github.com/acme/infra/issues/8" }, duration_ms: 301 },
  { ...tick2, at: at(5), outcome: "skipped", message_id: "msg-a", thread_id: "thr-a", action: { kind: "mark_read", key: "warden-mark_read-ddd" }, rule: "already-done" },
  { ...tick2, at: at(5), outcome: "failed", message_id: "msg-c", thread_id: "thr-c", action: { kind: "reply", key: "warden-reply-eee" }, rule: "hub-5xx", reason: "hub answered 503" },
  { actor: "relay", mode: "manual", at: at(30), outcome: "relayed", message_id: "msg-a", thread_id: "thr-a", action: { kind: "pr_merged", key: "relay-pr-7" }, links: { pr: PR, hub_message: "hub-901" } },
];

export const STORY: AuditEvent[] = story.map(auditEvent);
