import { beforeAll, describe, expect, it } from "vitest";
import type { BrainContext } from "../../../src/brain/brain.ts";
import { CallBudget } from "../../../src/brain/llm/call-budget.ts";
import { buildRouteIndex } from "../../../src/catalog/index.ts";
import { DeferredError, LlmError } from "../../../src/domain/errors.ts";
import { FakeModel, MemoryCache, answer, llmBrain } from "../../support/fake-model.ts";
import { fake } from "../../redteam/support.ts";
import { message, shippedPlanner } from "../../support/planner.ts";

let context: BrainContext;
beforeAll(async () => {
  const { catalog } = await shippedPlanner();
  context = { catalog, index: buildRouteIndex(catalog.routes, catalog.playbooks), fileText: () => undefined };
});

const good = { actions: [{ kind: "answer_route", route_id: "db-postgres-credentials" }], rationale: "asks for postgres credentials", confidence: 0.8 };
const question = () => message({ subject: "db", body: "where do I get postgres credentials for billing?" });

describe("LlmBrain", () => {
  it("returns the model's actions with its rationale labelled as model-written, and what the call cost", async () => {
    const proposal = await llmBrain(new FakeModel(() => answer(good, { usage: { input_tokens: 812, output_tokens: 33 } }))).plan(question(), context);
    expect(proposal.actions).toEqual(good.actions);
    expect(proposal.rationale).toBe("model-written (fake-model-1): asks for postgres credentials");
    expect(proposal.model).toBe("fake-model-1");
    expect(proposal.cost).toEqual({ calls: 1, cache_hits: 0, input_tokens: 812, output_tokens: 33, failures: 0 });
  });

  it.each([
    ["not JSON", answer("Sure! Here is the plan: answer_route"), /not JSON/],
    ["JSON of the wrong shape", answer({ action: "answer_route" }), /does not match the response schema/],
    ["no actions", answer({ actions: [], rationale: "r", confidence: 1 }), /does not match/],
    ["extra top-level fields", answer({ ...good, to_agent: "attacker", branch: "main" }), /does not match/],
    ["a confidence out of range", answer({ ...good, confidence: 7 }), /does not match/],
    ["an empty answer", answer(""), /empty/],
    ["a refusal", answer("", { refusal: "I can't help with that" }), /refused/],
    ["an answer cut off at the cap", answer('{"actions":[{"kind":"answer_ro', { truncated: true }), /cut off at the 1024-token cap/],
  ])("escalates as ambiguous on %s, naming the reason without quoting the model", async (_name, response, reason) => {
    const proposal = await llmBrain(new FakeModel(() => response)).plan(question(), context);
    expect(proposal.actions).toEqual([{ kind: "escalate", category: "ambiguous", reason: expect.stringMatching(reason) as string }]);
    expect(JSON.stringify(proposal)).not.toMatch(/Sure!|attacker|can't help/);
    expect(proposal.cost?.failures).toBe(1);
  });

  it("escalates as ambiguous when the call itself fails, and never throws", async () => {
    const proposal = await llmBrain(new FakeModel(() => Promise.reject(new LlmError("llm-connect POST /execute: 503 http_503; gave up after 3 attempts")))).plan(question(), context);
    expect(proposal.actions).toEqual([{ kind: "escalate", category: "ambiguous", reason: "model call failed: llm-connect POST /execute: 503 http_503; gave up after 3 attempts" }]);
    expect(proposal.cost).toMatchObject({ calls: 1, failures: 1 });
  });

  it("does not send a message longer than the framed limit", async () => {
    const model = new FakeModel(() => answer(good));
    const proposal = await llmBrain(model).plan(message({ body: "x".repeat(12_001) }), context);
    expect(model.requests).toEqual([]);
    expect(proposal.actions[0]).toMatchObject({ kind: "escalate", category: "ambiguous" });
  });

  it("defers (throws DeferredError) past the per-tick call limit, and starts over each tick", async () => {
    const model = new FakeModel(() => answer(good));
    const brain = llmBrain(model, { budget: new CallBudget(2) });
    await brain.plan(question(), context);
    await brain.plan(question(), context);
    await expect(brain.plan(question(), context)).rejects.toThrow(DeferredError);
    expect(model.requests.length).toBe(2);
    brain.beginTick();
    await brain.plan(question(), context);
    expect(model.requests.length).toBe(3);
  });

  it("keeps the rationale clean: control characters removed, one line, capped, secrets redacted", async () => {
    const key = fake.awsKeyId();
    const rationale = `line one\n\u0007line\u202e two ${key} ${"y".repeat(2000)}`.slice(0, 2000);
    const proposal = await llmBrain(new FakeModel(() => answer({ ...good, rationale }))).plan(question(), context);
    expect(proposal.rationale).toMatch(/^model-written \(fake-model-1\): line one line two \[REDACTED\] y+…$/);
    expect(proposal.rationale.length).toBeLessThan(700);
  });

  it("labels a model name that is not name-like as an unnamed model", async () => {
    const proposal = await llmBrain(new FakeModel(() => answer(good, { model: "gpt <script>\nignore" }))).plan(question(), context);
    expect(proposal.model).toBe("unnamed model");
  });
});

describe("the decision cache", () => {
  it("answers the same message from the cache without a second call or budget", async () => {
    const model = new FakeModel(() => answer(good));
    const cache = new MemoryCache();
    const msg = question();
    const first = await llmBrain(model, { cache }).plan(msg, context);
    const again = await llmBrain(model, { cache, budget: new CallBudget(0) }).plan(msg, context);
    expect(model.requests.length).toBe(1);
    expect(again.actions).toEqual(first.actions);
    expect(again.rationale).toBe(first.rationale);
    expect(again.cost).toEqual({ calls: 0, cache_hits: 1, input_tokens: 0, output_tokens: 0, failures: 0 });
  });

  it("asks again when the message text, its id or the catalog changed", async () => {
    const model = new FakeModel(() => answer(good));
    const cache = new MemoryCache();
    const msg = question();
    await llmBrain(model, { cache }).plan(msg, context);
    await llmBrain(model, { cache }).plan({ ...msg, body: `${msg.body} please` }, context);
    await llmBrain(model, { cache }).plan({ ...msg, id: "another-id" }, context);
    await llmBrain(model, { cache }).plan(msg, { ...context, catalog: { ...context.catalog, routes: context.catalog.routes.slice(1) } });
    expect(model.requests.length).toBe(4);
  });

  it("validates a cached entry like a fresh answer: a tampered one is a miss", async () => {
    const model = new FakeModel(() => answer(good));
    const cache = new MemoryCache();
    const msg = question();
    await llmBrain(model, { cache }).plan(msg, context);
    const [key] = [...cache.entries.keys()];
    for (const tampered of [{ garbage: true }, { ...(cache.entries.get(key!) as object), confidence: "high" }, { ...(cache.entries.get(key!) as object), actions: [{ kind: "reply", body: `key ${fake.awsKeyId()}` }] }]) {
      cache.entries.set(key!, tampered);
      await llmBrain(model, { cache }).plan(msg, context);
    }
    expect(model.requests.length).toBe(4);
  });

  it("stores only redacted decisions: a proposal carrying a secret is not cached", async () => {
    const cache = new MemoryCache();
    const key = fake.awsKeyId();
    await llmBrain(new FakeModel(() => answer({ ...good, rationale: `saw ${key}` })), { cache }).plan(question(), context);
    await llmBrain(new FakeModel(() => answer({ ...good, actions: [{ kind: "reply", body: `here: ${key}` }] })), { cache }).plan(question(), context);
    const stored = JSON.stringify([...cache.entries.values()]);
    expect(cache.entries.size).toBe(1);
    expect(stored).toContain("[REDACTED]");
    expect(stored).not.toContain(key);
  });
});
