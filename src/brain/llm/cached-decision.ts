import { z } from "zod";
import type { SecretScanner } from "../../domain/secrets.ts";
import { redact } from "../../domain/secrets.ts";
import { checkEnvelope } from "./output.ts";
import type { ModelEnvelope } from "./schema.ts";
import { keptRationale, modelLabel } from "./rationale.ts";

/** One stored model decision: the actions as proposed, the kept rationale (labelled, redacted), the model. */
export interface CachedDecision {
  model: string;
  actions: unknown[];
  rationale: string;
  confidence: number;
}

const StoredSchema = z.object({ version: z.literal(1), model: z.string(), rationale: z.string(), confidence: z.number(), actions: z.array(z.unknown()) }).strict();

/**
 * Turns a validated answer into what is kept. `clean` is false when a proposed action carries a
 * secret finding: such a decision is never stored (the cache holds only redacted proposals), and
 * the guardrails block the action as they would any brain's.
 */
export async function toCachedDecision(envelope: ModelEnvelope, reported: string, configured: string | undefined, scanner: SecretScanner): Promise<{ entry: CachedDecision; clean: boolean }> {
  const model = modelLabel(reported, configured);
  const rationale = keptRationale(envelope.rationale, model);
  const entry = { model, actions: envelope.actions, rationale: redact(rationale, await scanner.scan(rationale)), confidence: envelope.confidence };
  const clean = (await scanner.scan(JSON.stringify(envelope.actions))).length === 0;
  return { entry, clean };
}

/** A stored decision read back and checked exactly like a fresh answer; anything off is a miss. */
export async function readCachedDecision(value: unknown, scanner: SecretScanner): Promise<CachedDecision | undefined> {
  const stored = StoredSchema.safeParse(value);
  if (!stored.success) return undefined;
  const { model, rationale, confidence, actions } = stored.data;
  const label = modelLabel(model, undefined);
  const prefix = `model-written (${label}): `;
  if (!rationale.startsWith(prefix)) return undefined;
  const envelope = checkEnvelope({ actions, rationale: rationale.slice(prefix.length) || "-", confidence });
  if (!envelope.ok) return undefined;
  if ((await scanner.scan(JSON.stringify(actions))).length > 0) return undefined;
  const kept = keptRationale(envelope.envelope.rationale, label);
  return { model: label, actions, rationale: redact(kept, await scanner.scan(kept)), confidence };
}

export function storedForm(entry: CachedDecision): z.infer<typeof StoredSchema> {
  return { version: 1, ...entry };
}
