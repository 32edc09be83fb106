import { z } from "zod";
import { LlmError } from "../../domain/errors.ts";
import type { LlmClient, LlmRequest, LlmResponse } from "../../domain/llm.ts";
import type { LlmHttpOptions } from "./transport.ts";
import { parseJsonBody, postJson } from "./transport.ts";

const count = z.number().int().min(0).max(10_000_000);

/** llm-connect's `/execute` answer (ARCHITECTURE §3); unknown fields are ignored, every field is untrusted. */
const ExecuteResponseSchema = z.object({
  output: z.string(),
  model: z.string().max(500),
  usage: z.object({ input_tokens: count, output_tokens: count }),
  /** Not in the minimal contract; read when present so a cut-off answer is named as such. */
  stop_reason: z.string().max(100).optional(),
  refusal: z.string().max(100_000).nullable().optional(),
});

const TRUNCATED = new Set(["max_tokens", "length"]);

/** The llm-connect adapter: `POST ${LLM_CONNECT_URL}/execute` with task `ops-warden.plan`. */
export function createLlmConnectClient(http: Omit<LlmHttpOptions, "service">): LlmClient {
  const options = { ...http, service: "llm-connect" };
  return {
    provider: "llm-connect",
    model: undefined,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      const body = {
        task: "ops-warden.plan",
        system: request.system,
        input: request.input,
        response_schema: request.responseSchema,
        max_tokens: request.maxTokens,
        temperature: request.temperature,
      };
      const where = "llm-connect POST /execute";
      const parsed = ExecuteResponseSchema.safeParse(parseJsonBody(await postJson(options, "/execute", body), where));
      if (!parsed.success) throw new LlmError(`${where}: the response does not match the contract (${parsed.error.issues.length} problem(s) at ${[...new Set(parsed.error.issues.map((i) => i.path[0] ?? "(body)"))].join(", ")})`, { code: "bad_response" });
      const { output, model, usage, stop_reason, refusal } = parsed.data;
      return { output, model, usage, truncated: stop_reason !== undefined && TRUNCATED.has(stop_reason), ...(refusal ? { refusal } : {}) };
    },
  };
}
