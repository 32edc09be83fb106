import { z } from "zod";
import { ActionSchema } from "../../domain/action.ts";

/** Most actions a model answer may carry; the planner's own per-message limit still applies. */
export const MAX_MODEL_ACTIONS = 8;
export const MAX_MODEL_RATIONALE_CHARS = 2000;

/**
 * What the model is asked to return: the allowlisted actions, a short rationale and a confidence.
 * The JSON Schema sent as `response_schema` is generated from this, so the contract the model sees
 * and the action types the guardrails parse can never drift apart.
 */
export const ModelProposalSchema = z
  .object({
    actions: z.array(ActionSchema).min(1).max(MAX_MODEL_ACTIONS),
    rationale: z.string().min(1).max(MAX_MODEL_RATIONALE_CHARS),
    confidence: z.number().min(0).max(1),
  })
  .strict();

/**
 * How an answer is read back: the envelope is checked exactly, each action only as "some value".
 * Whether an action may run is the guardrails' question alone (the allowlist parses every action
 * strictly and turns a malformed one into an escalation), so the brain does not judge actions a
 * second time — a compromised model's output reaches the same judge as any other brain's.
 */
export const ModelEnvelopeSchema = z
  .object({
    actions: z.array(z.unknown()).min(1).max(MAX_MODEL_ACTIONS),
    rationale: z.string().min(1).max(MAX_MODEL_RATIONALE_CHARS),
    confidence: z.number().min(0).max(1),
  })
  .strict();
export type ModelEnvelope = z.infer<typeof ModelEnvelopeSchema>;

let cached: Record<string, unknown> | undefined;

/** The `response_schema` of every request: generated once, identical in every request. */
export function responseJsonSchema(): Record<string, unknown> {
  cached ??= z.toJSONSchema(ModelProposalSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return cached;
}
