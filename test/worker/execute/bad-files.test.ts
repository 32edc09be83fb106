import { createTwoFilesPatch } from "diff";
import { afterEach, describe, expect, it } from "vitest";
import { catalogTreeErrors } from "../../../src/catalog/index.ts";
import { DEFAULT_CONFIG } from "../../../src/config/schema.ts";
import { executePlan } from "../../../src/worker/execute/executor.ts";
import { fakeScanner } from "../../catalog/helpers.ts";
import { BOT, executorWorld } from "../../support/executor-world.ts";

type World = Awaited<ReturnType<typeof executorWorld>>;
let world: World;
afterEach(() => world?.cleanup());

describe("a bad file under catalog/ or playbooks/ on the default branch", () => {
  it("fails only a change that touches it: the other proposals still open their PRs", async () => {
    world = await executorWorld();
    world.git.commitToDefault("playbooks/broken.md", "---\nowner: [unclosed\n---\nnot a playbook\n");
    world.git.commitToDefault("catalog/broken.yaml", "routes: {{{\n");
    const { result } = await world.tick();
    expect(result.summary.failed).toBe(0);
    expect(world.github.pulls).toHaveLength(2);
  });

  it("a change that itself breaks the catalog still fails, naming the problem", async () => {
    world = await executorWorld();
    const { doc } = await world.dryTick();
    const change = doc.messages.flatMap((m) => m.run).find((a) => a.kind === "propose_catalog_change");
    if (change?.kind !== "propose_catalog_change") throw new Error("no catalog change planned");
    const diff = createTwoFilesPatch(`a/${change.file}`, `b/${change.file}`, world.git.filesOf("main").get(change.file) ?? "", "routes: {{{\n");
    const broken = { ...doc, messages: doc.messages.map((m) => ({ ...m, run: m.run.map((a) => (a === change ? { ...change, content: "routes: {{{\n", diff } : a)) })) };
    const result = await executePlan(broken, {
      github: world.github, git: world.git, hub: world.hub, audit: world.audit, scanner: fakeScanner, knownSecrets: [], identity: BOT,
      config: DEFAULT_CONFIG, mode: "manual", tickId: "t", now: () => new Date(), validateTree: (tree) => catalogTreeErrors(tree, fakeScanner),
    });
    const failed = result.outcomes.flat().filter((o) => o.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.reason).toMatch(/does not validate/);
  });
});
