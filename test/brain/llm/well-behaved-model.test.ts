import { beforeAll, describe, expect, it } from "vitest";
import type { BrainContext } from "../../../src/brain/brain.ts";
import { RuleBrain } from "../../../src/brain/rule/rule-brain.ts";
import { buildRouteIndex, readCatalogFiles } from "../../../src/catalog/index.ts";
import { createCatalogWorkspace } from "../../../src/catalog/workspace.ts";
import { DEFAULT_CONFIG } from "../../../src/config/schema.ts";
import { createSecretScanner } from "../../../src/policy/secrets/index.ts";
import { unescalatedShare } from "../../../src/worker/plan/document.ts";
import type { MessagePlan } from "../../../src/worker/plan/types.ts";
import { REPO_ROOT } from "../../catalog/helpers.ts";
import { expectationFailures } from "../../fixtures/corpus/check.ts";
import { loadCorpus } from "../../fixtures/corpus/corpus.ts";
import { FakeModel, answer, decodeFramedInput, llmBrain } from "../../support/fake-model.ts";
import { message, shippedPlanner } from "../../support/planner.ts";

/**
 * A well-behaved model on the benign corpus, with every message going to it (`--brain llm`): it
 * reads the message back out of the frame and answers as a careful planner would (here: as the
 * rules do, from the decoded text alone). Every expected outcome must survive the round trip
 * through framing, the response schema, answer reading and the guardrails.
 */
let context: BrainContext;
beforeAll(async () => {
  const { catalog } = await shippedPlanner();
  const workspace = createCatalogWorkspace(await readCatalogFiles(REPO_ROOT), createSecretScanner());
  context = { catalog, index: buildRouteIndex(catalog.routes, catalog.playbooks), fileText: (p) => workspace.fileText(p), linkHosts: DEFAULT_CONFIG.replies.link_hosts };
});

describe("a well-behaved model on the benign corpus", () => {
  it("keeps every expected outcome when it plans every message", async () => {
    const rules = new RuleBrain();
    const model = new FakeModel(async (request) => {
      const seen = decodeFramedInput(request.input);
      const decided = await rules.plan(message({ from_agent: seen.from_agent, subject: seen.subject, body: seen.body }), context);
      return answer({ actions: decided.actions, rationale: decided.rationale || "-", confidence: decided.confidence });
    });
    const planner = await shippedPlanner(llmBrain(model));
    const plans: MessagePlan[] = [];
    for (const c of loadCorpus("benign")) {
      const plan = await planner.plan(message({ from_agent: c.from_agent, subject: c.subject, body: c.body }));
      expect(expectationFailures(c.expect, plan), c.id).toEqual([]);
      if (!plan.gate) expect(plan.brain?.model, c.id).toBe("fake-model-1");
      plans.push(plan);
    }
    expect(model.requests.length, "every message past the inbound gates went to the model").toBe(plans.filter((p) => !p.gate).length);
    expect(model.requests.length).toBeGreaterThan(plans.length * 0.8);
    expect(unescalatedShare(plans)).toBeGreaterThanOrEqual(0.9);
  });
});
