import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import type { PlanDocument } from "../../src/worker/plan/document.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";
import type { FakeLlmServer } from "../support/fake-llm-server.ts";
import { startFakeLlmConnect } from "../support/fake-llm-server.ts";

const CANARY = "canary-deploy-token-4d1f6b2a9e";
let server: FakeLlmServer;
beforeAll(async () => (server = await startFakeLlmConnect()));
afterAll(() => server.close());

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const io = { ...captureIO(REPO_ROOT), env };
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("warden worker run --brain cascade against a local llm-connect", () => {
  it("plans the sample inbox, asks the model only where rules are unsure, and reuses its decisions", async () => {
    const state = await mkdtemp(join(tmpdir(), "warden-state-"));
    const env = { LLM_CONNECT_URL: server.url, WARDEN_STATE_DIR: state, DEPLOY_TOKEN: CANARY };
    const first = await run(["worker", "run", "--once", "--json", "--brain", "cascade"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as PlanDocument;
    expect(doc.brain).toBe("cascade");
    expect(doc.messages.length).toBeGreaterThan(5);
    expect(doc.messages.every((m) => m.deferred === undefined && m.run.at(-1)?.kind === "mark_read")).toBe(true);
    expect(doc.summary.llm_calls).toBe(server.bodies.length);
    expect(doc.summary.llm_calls).toBeGreaterThan(0);
    expect(doc.summary.llm_calls).toBeLessThan(doc.messages.length);
    expect(doc.summary.llm_input_tokens).toBeGreaterThan(0);
    expect(doc.summary.llm_failures).toBe(0);
    for (const body of server.bodies) expect(body).not.toContain(CANARY);
    const decided = doc.messages.filter((m) => m.brain?.model === "fake-planner-1");
    expect(decided.length).toBe(doc.summary.llm_calls);
    for (const m of decided) expect(m.brain?.rationale).toMatch(/^model-written \(fake-planner-1\): /);

    const asked = server.bodies.length;
    const again = JSON.parse((await run(["worker", "run", "--once", "--json"], env)).stdout) as PlanDocument;
    expect(again.brain, "cascade is the default once an endpoint is configured").toBe("cascade");
    expect(server.bodies.length, "decisions come from the cache").toBe(asked);
    expect(again.summary).toMatchObject({ llm_calls: 0, llm_cache_hits: doc.summary.llm_calls });
    expect(again.messages.map((m) => m.run.map((a) => a.key))).toEqual(doc.messages.map((m) => m.run.map((a) => a.key)));
    expect((await readdir(join(state, "llm-decisions"))).length).toBe(doc.summary.llm_calls);
  });

  it("shows the model's cost in the text plan", async () => {
    const state = await mkdtemp(join(tmpdir(), "warden-state-"));
    const { code, stdout } = await run(["worker", "run", "--once"], { LLM_CONNECT_URL: server.url, WARDEN_STATE_DIR: state });
    expect(code).toBe(0);
    expect(stdout).toContain("brain cascade");
    expect(stdout).toMatch(/ [1-9]\d* model calls? \(0 cached, 0 failed, [1-9]\d* tokens\)/);
  });

  it("defers what is over llm_calls_per_tick and reports it", async () => {
    const state = await mkdtemp(join(tmpdir(), "warden-state-"));
    const { code, stdout } = await run(["worker", "run", "--once", "--json", "--brain", "llm", "--config", "test/fixtures/config/one-llm-call.yml"], { LLM_CONNECT_URL: server.url, WARDEN_STATE_DIR: state });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as PlanDocument;
    expect(doc.summary.llm_calls).toBe(1);
    const deferred = doc.messages.filter((m) => m.deferred?.startsWith("per-tick model call limit (1)"));
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.every((m) => m.run.length === 0)).toBe(true);
    expect(doc.summary.deferred).toBe(deferred.length);
  });

  it("escalates every message it cannot get a model answer for, and the tick still succeeds", async () => {
    const state = await mkdtemp(join(tmpdir(), "warden-state-"));
    const { code, stdout } = await run(["worker", "run", "--once", "--json", "--brain", "llm", "--config", "test/fixtures/config/one-llm-call.yml"], { LLM_CONNECT_URL: `${server.url}/nowhere`, WARDEN_STATE_DIR: state });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as PlanDocument;
    const failed = doc.messages.filter((m) => m.llm?.failures === 1);
    expect(failed.length).toBe(1);
    expect(failed[0]?.run.map((a) => (a.kind === "escalate" ? a.category : a.kind))).toEqual(["ambiguous", "mark_read"]);
    expect(doc.summary.llm_failures).toBe(1);
  });
});
