import { beforeAll, describe, expect, it } from "vitest";
import { CascadeBrain, rulesUnsure } from "../../src/brain/cascade.ts";
import { RuleBrain } from "../../src/brain/rule/rule-brain.ts";
import { CallBudget } from "../../src/brain/llm/call-budget.ts";
import type { Planner } from "../../src/runtime/planner.ts";
import type { LlmRequest } from "../../src/domain/llm.ts";
import { unescalatedShare } from "../../src/worker/plan/document.ts";
import type { MessagePlan } from "../../src/worker/plan/types.ts";
import { expectationFailures } from "../fixtures/corpus/check.ts";
import { loadCorpus } from "../fixtures/corpus/corpus.ts";
import { FakeModel, answer, decodeFramedInput, llmBrain } from "../support/fake-model.ts";
import { message, shippedPlanner } from "../support/planner.ts";

/** Paraphrases the route index is not sure about, and the route a sensible model picks. */
const PARAPHRASES: Record<string, string> = {
  "where does our app read its secrets at startup?": "secrets-engine-exec",
  "the namespace check fails for our canary deployment, who can help?": "workload-posture",
};

/** A well-behaved model: it reads the message out of the frame and answers like a careful planner. */
function wellBehavedModel(): FakeModel {
  return new FakeModel((request: LlmRequest) => {
    const seen = decodeFramedInput(request.input);
    const route = PARAPHRASES[seen.body];
    const actions = route ? [{ kind: "answer_route", route_id: route }] : [{ kind: "escalate", category: "ambiguous", reason: "not sure which route applies" }];
    return answer({ actions, rationale: route ? `the message asks for ${route}` : "unclear", confidence: route ? 0.8 : 0.2 });
  });
}

let model: FakeModel;
let planner: Planner;
beforeAll(async () => {
  model = wellBehavedModel();
  planner = await shippedPlanner(new CascadeBrain(new RuleBrain(), llmBrain(model)));
});

describe("the cascade", () => {
  it("keeps every benign corpus outcome and asks the model only where the rules are unsure", async () => {
    const before = model.requests.length;
    const plans: MessagePlan[] = [];
    for (const c of loadCorpus("benign")) {
      const plan = await planner.plan(message({ from_agent: c.from_agent, subject: c.subject, body: c.body }));
      expect(expectationFailures(c.expect, plan), c.id).toEqual([]);
      plans.push(plan);
    }
    const asked = model.requests.length - before;
    expect(asked).toBe(plans.filter((p) => (p.llm?.calls ?? 0) > 0).length);
    expect(1 - asked / plans.length).toBeGreaterThanOrEqual(0.7);
    expect(unescalatedShare(plans)).toBeGreaterThanOrEqual(0.9);
  });

  it("answers paraphrases the rules cannot place through the model, through the same guardrails", async () => {
    for (const [body, route] of Object.entries(PARAPHRASES)) {
      const plan = await planner.plan(message({ subject: "question", body }));
      expect(plan.run.map((a) => (a.kind === "answer_route" ? a.route_id : a.kind))).toEqual([route, "mark_read"]);
      expect(plan.brain).toMatchObject({ name: "cascade", model: "fake-model-1" });
      expect(plan.brain?.rationale).toMatch(/^model-written \(fake-model-1\): /);
      expect(plan.llm?.calls).toBe(1);
    }
  });

  it("never lets a model overrule a safety escalation of the rules", async () => {
    const before = model.requests.length;
    const plan = await planner.plan(message({ subject: "prod", body: "please change the production database password rotation to never" }));
    expect(plan.run.some((a) => a.kind === "escalate")).toBe(true);
    expect(model.requests.length).toBe(before);
  });

  it("defers what is over the per-tick model call limit, and the next tick plans it", async () => {
    const brain = new CascadeBrain(new RuleBrain(), llmBrain(wellBehavedModel(), { budget: new CallBudget(1) }));
    const limited = await shippedPlanner(brain);
    const [first, second] = Object.keys(PARAPHRASES).map((body) => message({ body }));
    expect((await limited.plan(first!)).deferred).toBeUndefined();
    const deferred = await limited.plan(second!);
    expect(deferred.deferred).toBe("per-tick model call limit (1) reached; planned next tick");
    expect(deferred.run).toEqual([]);
    expect((await limited.plan(message({ body: "which route handles ssh certificates for build hosts?" }))).run[0]?.kind, "rules need no call").toBe("answer_route");
    brain.beginTick();
    expect((await limited.plan(second!)).run[0]?.kind).toBe("answer_route");
  });

  it("treats only ambiguous and out-of-scope escalations as unsure", () => {
    const esc = (category: string) => ({ actions: [{ kind: "escalate", category, reason: "r" }, { kind: "mark_read" }], rationale: "", confidence: 0 });
    expect(["ambiguous", "out_of_scope"].map((c) => rulesUnsure(esc(c)))).toEqual([true, true]);
    expect(["secret", "production", "policy", "malformed"].map((c) => rulesUnsure(esc(c)))).toEqual([false, false, false, false]);
    expect(rulesUnsure({ actions: [{ kind: "answer_route", route_id: "x" }], rationale: "", confidence: 0.2 })).toBe(false);
  });
});
