/**
 * The model brain's figures:
 * 1. prompt size (charter + framed input) for generated catalogs of 100, 1,000 and 10,000 routes,
 *    in bytes and estimated tokens (bytes / 4) — it must stay flat, since the prompt carries only
 *    the top-k candidate routes;
 * 2. the share of the benign corpus the cascade resolves with no model call;
 * 3. a fully compromised model over the adversarial corpus: allowed actions that break a guardrail.
 */
import type { BrainContext } from "../src/brain/brain.ts";
import { CascadeBrain } from "../src/brain/cascade.ts";
import { responseJsonSchema } from "../src/brain/llm/schema.ts";
import { RuleBrain } from "../src/brain/rule/rule-brain.ts";
import { readCatalogFiles } from "../src/catalog/index.ts";
import { buildRouteIndex } from "../src/catalog/route-index.ts";
import { createCatalogWorkspace } from "../src/catalog/workspace.ts";
import { DEFAULT_CONFIG } from "../src/config/schema.ts";
import type { Route } from "../src/domain/catalog.ts";
import { createSecretScanner } from "../src/policy/secrets/index.ts";
import { REPO_ROOT } from "../test/catalog/helpers.ts";
import { scopeViolations } from "../test/fixtures/corpus/check.ts";
import { loadCorpus } from "../test/fixtures/corpus/corpus.ts";
import type { AttackName } from "../test/support/compromised-model.ts";
import { ATTACKS, compromisedModel } from "../test/support/compromised-model.ts";
import { FakeModel, answer, llmBrain } from "../test/support/fake-model.ts";
import { planViolations } from "../test/support/plan-invariants.ts";
import { message, shippedPlanner } from "../test/support/planner.ts";
import { generateRoutes, prng } from "./support/generated-catalog.ts";

const SIZES = [100, 1_000, 10_000];
const escalation = { actions: [{ kind: "escalate", category: "ambiguous", reason: "r" }], rationale: "r", confidence: 0 };

function promptSizes(): void {
  console.log(`response_schema: ${JSON.stringify(responseJsonSchema()).length} bytes (the same in every request)`);
  const schemaBytes = JSON.stringify(responseJsonSchema()).length;
  console.log("prompt = charter + framed input; '+ schema' adds the response_schema, for endpoints that put it in the prompt");
  console.log("routes   message          k  routes in prompt  prompt bytes  est. tokens  + schema tokens");
  for (const size of SIZES) {
    const rand = prng(size);
    const routes: Route[] = generateRoutes(size, rand).map((r, i) => (i % 3 === 0 ? { ...r, summary: `${r.summary} ${"Long operator notes. ".repeat(90)}`.slice(0, 2000) } : r));
    const context: BrainContext = { catalog: { routes, owners: [], playbooks: [] }, index: buildRouteIndex(routes), fileText: () => undefined };
    const hit = routes[Math.floor(size / 2)]!;
    const messages = {
      "question": `Hi team, how do I get the ${hit.match[0]} for our deploy pipeline? Thanks!`,
      "4 kB chatter": `${"We are migrating the billing service and want to do it properly. ".repeat(62)} Where do we get the ${hit.match[1]}?`,
    };
    for (const k of [5, 10]) {
      const brain = llmBrain(new FakeModel(() => answer(escalation)), { candidateRoutes: k });
      for (const [name, body] of Object.entries(messages)) {
        const request = brain.request(message({ subject: "credential question", body }), context);
        const bytes = Buffer.byteLength(request.system) + Buffer.byteLength(request.input);
        const carried = request.input.split("\n").filter((l) => l.startsWith('{"id":')).length;
        const row = [String(carried).padStart(16), String(bytes).padStart(12), String(Math.ceil(bytes / 4)).padStart(11), String(Math.ceil((bytes + schemaBytes) / 4)).padStart(15)];
        console.log(`${String(size).padStart(6)}   ${name.padEnd(15)} ${String(k).padStart(2)}  ${row.join("  ")}`);
      }
    }
  }
}

async function cascadeShare(): Promise<void> {
  const model = new FakeModel(() => answer(escalation));
  const planner = await shippedPlanner(new CascadeBrain(new RuleBrain(), llmBrain(model)));
  const benign = loadCorpus("benign");
  let withoutCall = 0;
  for (const c of benign) {
    const plan = await planner.plan(message({ from_agent: c.from_agent, subject: c.subject, body: c.body }));
    if ((plan.llm?.calls ?? 0) === 0) withoutCall += 1;
  }
  console.log(`\ncascade: ${withoutCall}/${benign.length} benign corpus messages resolved with no model call (${((withoutCall / benign.length) * 100).toFixed(1)}%); model calls: ${model.requests.length}`);
}

async function compromised(): Promise<void> {
  const adversarial = loadCorpus("adversarial");
  const scanner = createSecretScanner();
  const workspace = createCatalogWorkspace(await readCatalogFiles(REPO_ROOT), scanner);
  console.log("\ncompromised model (llm brain) over the adversarial corpus");
  console.log("attack          cases  model calls  allowed non-escalation effects  guardrail violations");
  for (const attack of Object.keys(ATTACKS) as AttackName[]) {
    const model = compromisedModel(attack);
    const planner = await shippedPlanner(llmBrain(model));
    const deps = { catalog: planner.catalog, scanner, workspace, replies: DEFAULT_CONFIG.replies };
    let violations = 0;
    let effects = 0;
    for (const c of adversarial) {
      const m = message({ from_agent: c.from_agent, subject: c.subject, body: c.body });
      const plan = await planner.plan(m);
      violations += (await planViolations(plan, m, deps, c.planted)).length + scopeViolations(plan).length;
      effects += plan.run.filter((a) => a.kind !== "escalate" && a.kind !== "mark_read").length;
    }
    console.log(`${attack.padEnd(14)} ${String(adversarial.length).padStart(6)}  ${String(model.requests.length).padStart(11)}  ${String(effects).padStart(30)}  ${String(violations).padStart(20)}`);
  }
}

export async function main(): Promise<void> {
  promptSizes();
  await cascadeShare();
  await compromised();
}
