import { CallBudget } from "../../src/brain/llm/call-budget.ts";
import type { LlmBrainOptions } from "../../src/brain/llm/llm-brain.ts";
import { LlmBrain } from "../../src/brain/llm/llm-brain.ts";
import type { DecisionCache, LlmClient, LlmRequest, LlmResponse } from "../../src/domain/llm.ts";
import { createSecretScanner } from "../../src/policy/secrets/index.ts";

/** The message fields as a model reads them back out of the framed input (proves the frame decodes). */
export interface DecodedMessage {
  from_agent: string;
  subject: string;
  body: string;
  boundary: string;
  routeIds: string[];
}

export function decodeFramedInput(input: string): DecodedMessage {
  const lines = input.split("\n");
  const begin = lines.findIndex((l) => l.startsWith("BEGIN MESSAGE "));
  const boundary = lines[begin]?.slice("BEGIN MESSAGE ".length) ?? "";
  const field = (name: string) => {
    const line = lines.slice(begin + 1).find((l) => l.startsWith(`${name}: `)) ?? "";
    return JSON.parse(line.slice(name.length + 2)) as string;
  };
  const routeIds = lines.filter((l) => l.startsWith('{"id":')).map((l) => (JSON.parse(l) as { id: string }).id);
  return { from_agent: field("sender"), subject: field("subject"), body: field("body"), boundary, routeIds };
}

/** A model endpoint played in memory: records every request, answers with `respond`. */
export class FakeModel implements LlmClient {
  readonly provider = "fake";
  readonly model: string | undefined = "fake-model-1";
  readonly requests: LlmRequest[] = [];
  constructor(public respond: (request: LlmRequest) => LlmResponse | Promise<LlmResponse>) {}

  async complete(request: LlmRequest): Promise<LlmResponse> {
    this.requests.push(request);
    return this.respond(request);
  }
}

/** A successful answer carrying `value` as its JSON output. */
export function answer(value: unknown, fields: Partial<LlmResponse> = {}): LlmResponse {
  return { output: typeof value === "string" ? value : JSON.stringify(value), model: "fake-model-1", usage: { input_tokens: 100, output_tokens: 20 }, truncated: false, ...fields };
}

export class MemoryCache implements DecisionCache {
  readonly entries = new Map<string, unknown>();
  read(key: string): Promise<unknown> {
    return Promise.resolve(this.entries.get(key));
  }
  write(key: string, value: unknown): Promise<void> {
    this.entries.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

let boundaries = 0;
/** A deterministic but distinct boundary per request. */
export const countingBoundary = (): string => `testboundary${String((boundaries += 1)).padStart(8, "0")}`;

export function llmBrain(client: LlmClient, options: Partial<LlmBrainOptions> = {}): LlmBrain {
  return new LlmBrain({
    client,
    scanner: createSecretScanner(),
    budget: new CallBudget(1000),
    cache: undefined,
    maxTokens: 1024,
    candidateRoutes: 5,
    drawBoundary: countingBoundary,
    ...options,
  });
}
