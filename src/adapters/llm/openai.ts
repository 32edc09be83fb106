import { z } from "zod";
import { LlmError } from "../../domain/errors.ts";
import type { LlmClient, LlmRequest, LlmResponse } from "../../domain/llm.ts";
import type { LlmHttpOptions } from "./transport.ts";
import { parseJsonBody, postJson } from "./transport.ts";

const count = z.number().int().min(0).max(10_000_000);

/** The parts of a chat-completions answer we read; everything else is ignored. */
const ChatResponseSchema = z.object({
  model: z.string().max(500).optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }),
        finish_reason: z.string().max(100).nullable().optional(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: count, completion_tokens: count }).optional(),
});

/**
 * An OpenAI-compatible endpoint (a hosted router, or a local server such as Ollama or llama.cpp):
 * `POST {base}/v1/chat/completions` with the charter as the system message, the framed message
 * as the user message, and the proposal schema as a `json_schema` response format.
 */
export function createOpenAiClient(http: Omit<LlmHttpOptions, "service">, model: string): LlmClient {
  const options = { ...http, service: "openai" };
  return {
    provider: "openai",
    model,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      const body = {
        model,
        messages: [
          { role: "system", content: request.system },
          { role: "user", content: request.input },
        ],
        temperature: request.temperature,
        max_tokens: request.maxTokens,
        // Not `strict`: strict mode wants every property required, and routes have optional fields.
        response_format: { type: "json_schema", json_schema: { name: "ops_warden_plan", schema: request.responseSchema } },
      };
      const where = "openai POST /v1/chat/completions";
      const parsed = ChatResponseSchema.safeParse(parseJsonBody(await postJson(options, "/v1/chat/completions", body), where));
      if (!parsed.success) throw new LlmError(`${where}: the response does not match the chat-completions shape`, { code: "bad_response" });
      const [choice] = parsed.data.choices;
      const usage = parsed.data.usage;
      return {
        output: choice?.message.content ?? "",
        model: parsed.data.model ?? model,
        usage: { input_tokens: usage?.prompt_tokens ?? 0, output_tokens: usage?.completion_tokens ?? 0 },
        truncated: choice?.finish_reason === "length",
        ...(choice?.message.refusal ? { refusal: choice.message.refusal } : {}),
      };
    },
  };
}
