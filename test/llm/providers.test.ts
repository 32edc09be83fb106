import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLlmClient } from "../../src/adapters/llm/index.ts";
import { createLlmConnectClient } from "../../src/adapters/llm/llm-connect.ts";
import type { LlmHttpSeams } from "../../src/adapters/llm/index.ts";
import { LlmSchema } from "../../src/config/schema.ts";
import { ConfigError, LlmError } from "../../src/domain/errors.ts";
import type { LlmClient, LlmRequest } from "../../src/domain/llm.ts";
import { CHARTER } from "../../src/policy/charter.ts";
import { responseJsonSchema } from "../../src/brain/llm/schema.ts";

const LLM = "https://llm-connect.example.test";
const OPENAI = "https://router.example.test";
const TOKEN = "llm-connect-token-CANARY-51c2e0";
const API_KEY = "openai-key-CANARY-9d04aa71";
const request: LlmRequest = { system: CHARTER, input: "framed message", responseSchema: responseJsonSchema(), maxTokens: 512, temperature: 0 };
const plan = { actions: [{ kind: "answer_route", route_id: "ssh-build-hosts" }], rationale: "r", confidence: 0.9 };

/** Waits are recorded, not slept, on a clock that moves only when it sleeps. */
function seams(): LlmHttpSeams & { sleeps: number[] } {
  const sleeps: number[] = [];
  let now = Date.parse("2026-11-20T08:00:00Z");
  return { sleeps, clock: () => now, random: () => 0.5, sleep: async (ms) => void (sleeps.push(ms), (now += ms)) };
}

function llmConnect(extraEnv: NodeJS.ProcessEnv = {}, s = seams()): LlmClient {
  const config = LlmSchema.parse({ timeout_seconds: 1, max_attempts: 3 });
  return createLlmClient(config, { LLM_CONNECT_URL: LLM, LLM_CONNECT_TOKEN: TOKEN, ...extraEnv }, s)!;
}

function openai(s = seams()): LlmClient {
  const config = LlmSchema.parse({ provider: "openai", url: OPENAI, model: "small-model", timeout_seconds: 1, max_attempts: 2 });
  return createLlmClient(config, { WARDEN_LLM_API_KEY: API_KEY }, s)!;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe("llm-connect adapter", () => {
  it("posts the contract's body with the token as a bearer header and reads the answer", async () => {
    let sent: unknown;
    nock(LLM, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post("/execute", (body: unknown) => ((sent = body), true))
      .reply(200, { output: JSON.stringify(plan), model: "planner-large-2", usage: { input_tokens: 900, output_tokens: 40 } });
    const response = await llmConnect().complete(request);
    expect(sent).toEqual({ task: "ops-warden.plan", system: CHARTER, input: "framed message", response_schema: responseJsonSchema(), max_tokens: 512, temperature: 0 });
    expect(response).toEqual({ output: JSON.stringify(plan), model: "planner-large-2", usage: { input_tokens: 900, output_tokens: 40 }, truncated: false });
    expect(JSON.stringify(sent)).not.toContain(TOKEN);
  });

  it("retries 429 and 503 honouring Retry-After, within the attempt limit", async () => {
    const s = seams();
    nock(LLM).post("/execute").reply(429, {}, { "retry-after": "2" }).post("/execute").reply(503).post("/execute").reply(200, { output: "{}", model: "m", usage: { input_tokens: 1, output_tokens: 1 } });
    await llmConnect({}, s).complete(request);
    expect(s.sleeps[0]).toBe(2000);
    expect(s.sleeps).toHaveLength(2);
  });

  it("gives up after the attempt limit with an LlmError", async () => {
    nock(LLM).post("/execute").times(3).reply(503);
    await expect(llmConnect().complete(request)).rejects.toThrow(/503.*gave up after 3 attempts/);
  });

  it.each([
    ["a 500", (s: nock.Interceptor) => s.reply(500, "Internal Server Error"), /500/],
    ["an empty body", (s: nock.Interceptor) => s.reply(200, ""), /empty response body/],
    ["non-JSON", (s: nock.Interceptor) => s.reply(200, "<html>hello</html>"), /not JSON/],
    ["the wrong shape", (s: nock.Interceptor) => s.reply(200, { result: "ok" }), /does not match the contract/],
    ["negative token counts", (s: nock.Interceptor) => s.reply(200, { output: "{}", model: "m", usage: { input_tokens: -1, output_tokens: 0 } }), /does not match the contract/],
    ["a 10 MB body", (s: nock.Interceptor) => s.reply(200, "x".repeat(10 * 1024 * 1024)), /larger than/],
    ["a rejected token", (s: nock.Interceptor) => s.reply(401, { error: { message: TOKEN } }), /rejected the token/],
  ])("fails with an LlmError in its own words on %s", async (_name, reply, message) => {
    reply(nock(LLM).post("/execute"));
    const error = await llmConnect().complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as Error).message).toMatch(message);
    expect(JSON.stringify({ m: (error as Error).message, c: String((error as Error).cause) })).not.toContain(TOKEN);
  });

  it("times out a server that does not answer, retrying within the limit", async () => {
    nock(LLM).post("/execute").times(2).delay(2_000).reply(200, {});
    const client = createLlmConnectClient({ baseUrl: LLM, token: undefined, timeoutMs: 50, maxAttempts: 2, knownValues: [], ...seams() });
    await expect(client.complete(request)).rejects.toThrow(/no answer within 50 ms; gave up after/);
  });

  it("names a cut-off answer and a refusal", async () => {
    nock(LLM).post("/execute").reply(200, { output: '{"actions":[', model: "m", usage: { input_tokens: 1, output_tokens: 512 }, stop_reason: "max_tokens" });
    expect((await llmConnect().complete(request)).truncated).toBe(true);
    nock(LLM).post("/execute").reply(200, { output: "", model: "m", usage: { input_tokens: 1, output_tokens: 3 }, refusal: "no" });
    expect((await llmConnect().complete(request)).refusal).toBe("no");
  });

  it("never sends a body that carries a credential from the environment", async () => {
    const canary = "canary-secret-value-0f9e8d7c";
    const scope = nock(LLM).post("/execute").reply(200, {});
    const client = llmConnect({ DEPLOY_TOKEN: canary });
    await expect(client.complete({ ...request, input: `please use ${canary}` })).rejects.toThrow(/would carry a credential/);
    expect(scope.isDone()).toBe(false);
  });
});

describe("OpenAI-compatible adapter", () => {
  it("posts chat completions with the charter as system message and a json_schema response format", async () => {
    let sent: { messages: { role: string; content: string }[]; response_format: unknown; model: string; temperature: number; max_tokens: number } | undefined;
    nock(OPENAI, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post("/v1/chat/completions", (body: typeof sent) => ((sent = body), true))
      .reply(200, { model: "small-model-2025", choices: [{ message: { content: JSON.stringify(plan) }, finish_reason: "stop" }], usage: { prompt_tokens: 700, completion_tokens: 30 } });
    const response = await openai().complete(request);
    expect(sent?.messages).toEqual([
      { role: "system", content: CHARTER },
      { role: "user", content: "framed message" },
    ]);
    expect(sent).toMatchObject({ model: "small-model", temperature: 0, max_tokens: 512, response_format: { type: "json_schema", json_schema: { name: "ops_warden_plan", schema: responseJsonSchema() } } });
    expect(response).toEqual({ output: JSON.stringify(plan), model: "small-model-2025", usage: { input_tokens: 700, output_tokens: 30 }, truncated: false });
  });

  it("reads finish_reason length as cut off, a refusal as a refusal, and garbage as an LlmError", async () => {
    nock(OPENAI).post("/v1/chat/completions").reply(200, { choices: [{ message: { content: "{" }, finish_reason: "length" }] });
    expect((await openai().complete(request)).truncated).toBe(true);
    nock(OPENAI).post("/v1/chat/completions").reply(200, { choices: [{ message: { content: null, refusal: "I can't" }, finish_reason: "stop" }] });
    expect((await openai().complete(request)).refusal).toBe("I can't");
    nock(OPENAI).post("/v1/chat/completions").reply(200, { choices: [] });
    await expect(openai().complete(request)).rejects.toThrow(LlmError);
  });

  it("needs a model, and refuses a base URL that is not http(s) or carries credentials", () => {
    expect(() => createLlmClient(LlmSchema.parse({ provider: "openai", url: OPENAI }), {})).toThrow(ConfigError);
    expect(() => createLlmClient(LlmSchema.parse({}), { LLM_CONNECT_URL: "ftp://x" })).toThrow(/http\(s\)/);
    expect(() => createLlmClient(LlmSchema.parse({}), { LLM_CONNECT_URL: "https://user:pw@x.test" })).toThrow(/credentials/);
    expect(createLlmClient(LlmSchema.parse({}), {})).toBeUndefined();
  });
});
