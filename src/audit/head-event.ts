import type { AuditActor, AuditEvent, AuditMode } from "../domain/audit.ts";
import { auditEvent } from "../domain/audit.ts";

/** The action kind of the event that carries a published chain head to the hub. */
export const HEAD_ACTION = "audit-head";

export interface PublishedHead {
  ref: string;
  commit: string;
  seq: number;
  hash: string;
}

/**
 * After a tick or relay appended its events to the audit branch, this event carries the branch's
 * new chain head (record number and hash, and the commit) to the hub's events and the local
 * trail. It describes the branch, so it is not on it: a branch rewritten later no longer reaches
 * the heads the hub recorded.
 */
export function chainHeadEvent(who: { at: Date; actor: AuditActor; mode: AuditMode; tickId: string | null }, head: PublishedHead): AuditEvent {
  return auditEvent({
    at: who.at.toISOString(),
    actor: who.actor,
    mode: who.mode,
    tick_id: who.tickId,
    outcome: "executed",
    action: { kind: HEAD_ACTION, key: `${head.ref}@${head.seq}` },
    rule: "audit-branch",
    detail: { ref: head.ref, commit: head.commit, seq: head.seq, hash: head.hash },
  });
}
