import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import { buildPlanner } from "../../src/runtime/planner.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";
import { message } from "../support/planner.ts";

const LLM = "https://llm-connect.example.test";
const CANARY = "canary-ci-token-3e8c1f0a7b";
const env = { LLM_CONNECT_URL: LLM, CI_DEPLOY_TOKEN: CANARY, WARDEN_STATE_DIR: "/nonexistent-state-dir-for-tests" };
const config = { ...DEFAULT_CONFIG, llm: { ...DEFAULT_CONFIG.llm, cache: false, max_attempts: 1 } };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("credentials from the environment never reach a model", () => {
  it("a message quoting one is escalated by the inbound gate before any brain", async () => {
    const scope = nock(LLM).post("/execute").reply(200, {});
    const planner = await buildPlanner({ root: REPO_ROOT, config, brainKind: "llm", env });
    const plan = await planner.plan(message({ body: `our token ${CANARY} stopped working, which route renews it?` }));
    expect(plan.gate?.rule).toBe("inbound-secret");
    expect(scope.isDone()).toBe(false);
    expect(JSON.stringify(plan)).not.toContain(CANARY);
  });

  it("an ordinary message goes out without any of them in the body", async () => {
    let body = "";
    nock(LLM)
      .post("/execute", (b: unknown) => ((body = JSON.stringify(b)), true))
      .reply(200, { output: JSON.stringify({ actions: [{ kind: "answer_route", route_id: "db-postgres-credentials" }], rationale: "r", confidence: 0.5 }), model: "m", usage: { input_tokens: 1, output_tokens: 1 } });
    const planner = await buildPlanner({ root: REPO_ROOT, config, brainKind: "llm", env });
    const plan = await planner.plan(message({ body: "where do I get postgres credentials for billing?" }));
    expect(body).toContain("postgres credentials");
    expect(body).not.toContain(CANARY);
    expect(plan.run[0]?.kind).toBe("answer_route");
  });
});
