import type { AuditEvent, AuditOutcome } from "../../src/domain/audit.ts";
import { auditEvent } from "../../src/domain/audit.ts";

/** A plausible worker event number `i`, one second apart from 2026-12-01T10:00:00Z. */
export function sampleEvent(i: number, overrides: Partial<Parameters<typeof auditEvent>[0]> = {}): AuditEvent {
  const outcomes: AuditOutcome[] = ["planned", "executed", "skipped", "deferred"];
  return auditEvent({
    at: new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString(),
    actor: "worker",
    mode: "dry-run",
    outcome: outcomes[i % outcomes.length] as AuditOutcome,
    tick_id: `tick-${Math.floor(i / 10)}`,
    message_id: `msg-${i % 7}`,
    thread_id: `thr-${i % 7}`,
    action: { kind: "reply", key: `warden-reply-${i}` },
    ...overrides,
  });
}
