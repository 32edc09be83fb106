import type { Action } from "../domain/action.ts";
import type { z } from "zod";
import { ACTION_KINDS, ActionSchema } from "../domain/action.ts";
import type { Verdict } from "./verdict.ts";
import { downgrade } from "./verdict.ts";

export type ParsedAction = { ok: true; action: Action } | { ok: false; verdict: Verdict; kind: string };

/**
 * First gate for every proposed action: is it one of the six allowlisted kinds, and does it match
 * that kind's schema exactly (no extra fields: a brain cannot smuggle in a recipient or a path)?
 */
export function parseProposedAction(candidate: unknown): ParsedAction {
  const kind = kindOf(candidate);
  if (!(ACTION_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, kind, verdict: downgrade("allowlist", "policy", `"${kind}" is not an allowlisted action`) };
  }
  const parsed = ActionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, action: parsed.data };
  const where = parsed.error.issues.slice(0, 3).map(describeIssue).join("; ");
  return { ok: false, kind, verdict: downgrade("schema", "malformed", `malformed ${kind}: ${where}`) };
}

/**
 * A printable kind for any value. Only lowercase letters and underscores survive and the length is
 * bounded, so a hostile brain can neither flood the plan nor pass a secret through the kind field.
 */
export function kindOf(candidate: unknown): string {
  if (candidate === null || typeof candidate !== "object" || Array.isArray(candidate)) return "(not an object)";
  const kind = (candidate as { kind?: unknown }).kind;
  if (typeof kind !== "string") return "(no kind)";
  return kind.replace(/[^a-z_]/g, "").slice(0, 32) || "(unprintable kind)";
}

/**
 * A schema problem in words that never echo the brain's own text: zod quotes unknown keys, and a
 * key name is as untrusted as a value (it could carry markup or a secret), so only their number
 * is told. Paths are cut to the schema's own field names.
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === "number" ? String(p) : String(p).replace(/[^a-z_]/g, "").slice(0, 32))).join(".") || "(action)";
  if (issue.code === "unrecognized_keys") return `${path}: ${issue.keys.length} field(s) the action does not have`;
  return `${path}: ${issue.message.slice(0, 200)}`;
}
