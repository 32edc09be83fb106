import { hash } from "node:crypto";
import { z } from "zod";

/**
 * The unified audit trail: one event per thing the worker, a relay or the CLI did or decided.
 * Version 1. Fields are only ever added within a version; a reader rejects a version it does
 * not know rather than guessing. Events hold code-owned fields (ids, keys, rule ids, URLs);
 * free text (`reason`, `detail`) passes the secret gate before any sink writes it.
 */
export const AUDIT_EVENT_VERSION = 1;

export const AUDIT_ACTORS = ["worker", "relay", "cli"] as const;
export type AuditActor = (typeof AUDIT_ACTORS)[number];

export const AUDIT_OUTCOMES = ["planned", "executed", "skipped", "deferred", "blocked", "failed", "relayed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The rollout mode the event was recorded under; the rollout check counts dry-run ticks. */
export const AUDIT_MODES = ["dry-run", "manual", "scheduled"] as const;
export type AuditMode = (typeof AUDIT_MODES)[number];

const id = z.string().min(1).max(200);
const detailValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const AuditLinksSchema = z
  .object({
    pr: z.url().optional(),
    issue: z.url().optional(),
    /** Id of the hub message this event produced (a reply) or relayed. */
    hub_message: id.optional(),
  })
  .strict();
export type AuditLinks = z.infer<typeof AuditLinksSchema>;

export const AuditEventSchema = z
  .object({
    v: z.literal(AUDIT_EVENT_VERSION),
    /** Unique and deterministic (see `auditEventId`): the hub de-duplicates by it. */
    id,
    at: z.iso.datetime({ offset: true }),
    actor: z.enum(AUDIT_ACTORS),
    mode: z.enum(AUDIT_MODES),
    tick_id: id.nullable(),
    message_id: id.nullable(),
    thread_id: id.nullable(),
    /** The action kind and its deterministic key; null for events about a whole message or tick. */
    action: z.object({ kind: z.string().min(1).max(100), key: id }).strict().nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
    /** Guardrail rule id or machine-readable reason code, e.g. `outbound-secret`, `rate-limited`. */
    rule: z.string().min(1).max(100).nullable(),
    /** Human-readable reason; scanned for secrets before it is written. */
    reason: z.string().max(2000).nullable(),
    links: AuditLinksSchema,
    duration_ms: z.number().nonnegative().nullable(),
    /** Small extra facts (category, op, counts); scanned for secrets before they are written. */
    detail: z.record(z.string().max(100), detailValue),
  })
  .strict();
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** What an emitter supplies; `v` and `id` are filled in by `auditEvent`, the rest defaults to null/empty. */
export type AuditEventInput = Pick<AuditEvent, "at" | "actor" | "mode" | "outcome"> &
  Partial<Omit<AuditEvent, "v" | "id" | "at" | "actor" | "mode" | "outcome">>;

/**
 * A deterministic id: the same event recorded again (a re-run after a crash) gets the same id, so
 * a sink that re-sends it creates no duplicate. Hashing is pure computation, allowed in the domain.
 */
export function auditEventId(e: Omit<AuditEvent, "v" | "id">): string {
  const parts = [e.tick_id, e.message_id, e.action?.key, e.action?.kind, e.outcome, e.actor, e.at, e.rule];
  return `ev-${hash("sha256", parts.map((p) => p ?? "").join("\u0000"), "hex").slice(0, 32)}`;
}

/** Builds a complete, schema-valid event from what an emitter knows. Throws on an invalid field. */
export function auditEvent(input: AuditEventInput): AuditEvent {
  const body = {
    at: input.at,
    actor: input.actor,
    mode: input.mode,
    tick_id: input.tick_id ?? null,
    message_id: input.message_id ?? null,
    thread_id: input.thread_id ?? null,
    action: input.action ?? null,
    outcome: input.outcome,
    rule: input.rule ?? null,
    reason: input.reason ?? null,
    links: input.links ?? {},
    duration_ms: input.duration_ms ?? null,
    detail: input.detail ?? {},
  };
  return AuditEventSchema.parse({ v: AUDIT_EVENT_VERSION, id: auditEventId(body), ...body });
}

/**
 * Where audit events go. `record` accepts an event for every configured destination (it may
 * buffer); `flush` makes everything recorded so far durable and delivers what can be delivered.
 * The worker flushes at the end of each tick. Neither ever throws for a secret in an event: the
 * sink redacts it (and counts it) instead.
 */
export interface AuditSink {
  record(event: AuditEvent): Promise<void>;
  flush(): Promise<void>;
}

