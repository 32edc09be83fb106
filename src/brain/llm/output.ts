import type { z } from "zod";
import type { LlmResponse } from "../../domain/llm.ts";
import type { ModelEnvelope } from "./schema.ts";
import { ModelEnvelopeSchema } from "./schema.ts";

export type ReadOutput = { ok: true; envelope: ModelEnvelope } | { ok: false; reason: string };

/**
 * Reads a model's answer. Every way it can be unusable — a refusal, a cut-off answer, no text,
 * not JSON, JSON of the wrong shape — gives a reason in words of our own: the model's text is
 * never quoted, since it may carry whatever the message asked it to say.
 */
export function readModelOutput(response: LlmResponse, maxTokens: number): ReadOutput {
  if (response.refusal !== undefined) return { ok: false, reason: "the model refused to answer" };
  if (response.truncated) return { ok: false, reason: `the model's answer was cut off at the ${maxTokens}-token cap` };
  if (response.output.trim() === "") return { ok: false, reason: "the model's answer was empty" };
  return readEnvelope(response.output);
}

/** Parses and validates an answer's text; also used for cached decisions, which are checked like fresh ones. */
export function readEnvelope(text: string): ReadOutput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "the model's answer is not JSON" };
  }
  return checkEnvelope(value);
}

export function checkEnvelope(value: unknown): ReadOutput {
  const parsed = ModelEnvelopeSchema.safeParse(value);
  if (parsed.success) return { ok: true, envelope: parsed.data };
  const where = parsed.error.issues.slice(0, 3).map(describeIssue).join("; ");
  return { ok: false, reason: `the model's answer does not match the response schema (${where})` };
}

/** Paths cut to the schema's own field names and zod's issue code: no key or value of the model's. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === "number" ? String(p) : String(p).replace(/[^a-z_]/g, "").slice(0, 20))).join(".");
  return `${path || "(answer)"}: ${issue.code}`;
}
