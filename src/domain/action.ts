import { z } from "zod";
import { RouteSchema, slug } from "./catalog.ts";
import type { LlmCost } from "./llm.ts";

/**
 * The allowlist. These seven action kinds are everything a brain may propose; recipients, threads,
 * branches and file paths of effects are not fields here, because code derives them from the
 * message and the catalog. Anything that does not parse against this union becomes `escalate`.
 */

export const ESCALATION_CATEGORIES = ["secret", "production", "out_of_scope", "ambiguous", "policy", "malformed"] as const;
export type EscalationCategory = (typeof ESCALATION_CATEGORIES)[number];

export const MAX_RATIONALE_CHARS = 4000;
export const MAX_REASON_CHARS = 2000;

const rationale = z.string().min(1).max(MAX_RATIONALE_CHARS);

export const AnswerRouteSchema = z.object({ kind: z.literal("answer_route"), route_id: slug }).strict();
export const ReplySchema = z.object({ kind: z.literal("reply"), body: z.string().min(1).max(20_000) }).strict();
export const MarkReadSchema = z.object({ kind: z.literal("mark_read") }).strict();

export const CatalogChangeSchema = z.discriminatedUnion("op", [
  z.object({ kind: z.literal("propose_catalog_change"), op: z.literal("add"), entry: RouteSchema, rationale }).strict(),
  z.object({ kind: z.literal("propose_catalog_change"), op: z.literal("update"), entry: RouteSchema, rationale }).strict(),
  z.object({ kind: z.literal("propose_catalog_change"), op: z.literal("retire"), route_id: slug, rationale }).strict(),
]);

export const PlaybookChangeSchema = z
  .object({
    kind: z.literal("propose_playbook_change"),
    path: z.string().min(1).max(300),
    content: z.string().min(1).max(200_000),
    rationale,
  })
  .strict();

/**
 * ops-warden's own lane: sign the one public key in the message for an `issue` route. The key is
 * named by fingerprint only; the judge checks it against the key the message carries, and what
 * the certificate allows against the route's `ssh:` policy.
 */
export const IssueSshCertificateSchema = z
  .object({
    kind: z.literal("issue_ssh_certificate"),
    route_id: slug,
    principals: z.array(z.string().min(1).max(64)).min(1).max(20),
    ttl: z.string().min(1).max(20),
    key_fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "must be an SSH SHA256 fingerprint"),
  })
  .strict();
export type IssueSshCertificate = z.infer<typeof IssueSshCertificateSchema>;

export const EscalateSchema = z
  .object({
    kind: z.literal("escalate"),
    category: z.enum(ESCALATION_CATEGORIES),
    reason: z.string().min(1).max(MAX_REASON_CHARS),
  })
  .strict();

/** One proposed action. `propose_catalog_change` is itself a union on `op`. */
export const ActionSchema = z.union([
  AnswerRouteSchema,
  ReplySchema,
  MarkReadSchema,
  CatalogChangeSchema,
  PlaybookChangeSchema,
  EscalateSchema,
  IssueSshCertificateSchema,
]);
export type Action = z.infer<typeof ActionSchema>;
export type ActionKind = Action["kind"];
export type CatalogChange = z.infer<typeof CatalogChangeSchema>;
export type PlaybookChange = z.infer<typeof PlaybookChangeSchema>;
export type Escalate = z.infer<typeof EscalateSchema>;

export const ACTION_KINDS: readonly ActionKind[] = [
  "answer_route",
  "reply",
  "mark_read",
  "propose_catalog_change",
  "propose_playbook_change",
  "escalate",
  "issue_ssh_certificate",
];

/**
 * What a brain returns. `actions` is deliberately `unknown[]`: a brain's output is untrusted and
 * is only turned into `Action`s by the guardrails.
 */
export interface BrainProposal {
  actions: unknown[];
  rationale: string;
  /** 0..1, the brain's own estimate; guardrails never trust it to allow anything. */
  confidence: number;
  /** Set when a language model wrote the rationale: the (sanitised) model name it reported. */
  model?: string;
  /** What planning this message cost in model calls and tokens (model brains only). */
  cost?: LlmCost;
}

export function escalate(category: EscalationCategory, reason: string): Escalate {
  return { kind: "escalate", category, reason: reason.slice(0, MAX_REASON_CHARS) };
}
