import { afterEach, describe, expect, it } from "vitest";
import type { RunAction } from "../../../src/worker/plan/types.ts";
import { readMarker } from "../../../src/worker/render/marker.ts";
import { executorWorld } from "../../support/executor-world.ts";

type World = Awaited<ReturnType<typeof executorWorld>>;
type Change = Extract<RunAction, { kind: "propose_catalog_change" }>;
let world: World;
afterEach(() => world?.cleanup());

/** The planned catalog change of the sample inbox, from a dry-run: file, diff and whole new content. */
async function plannedChange(w: World): Promise<{ change: Change; messageId: string }> {
  const { doc } = await w.dryTick();
  for (const m of doc.messages) for (const a of m.run) if (a.kind === "propose_catalog_change") return { change: a, messageId: m.message_id };
  throw new Error("no catalog change planned");
}

/** The first line of the diff's first hunk in the old file (1-based), from its `@@ -a,b` header. */
function hunkStart(diff: string): number {
  return Number(/^@@ -(\d+)/m.exec(diff)?.[1]);
}

describe("the default branch moved between plan and execute", () => {
  it("an unrelated edit elsewhere in the file is kept: the change is re-applied as an edit, not the planned whole file", async () => {
    world = await executorWorld();
    const { change } = await plannedChange(world);
    expect(hunkStart(change.diff)).toBeGreaterThan(4);
    const main = world.git.filesOf("main").get(change.file)!;
    world.git.commitToDefault(change.file, `# reviewed by the platform team\n${main}`);
    const { result } = await world.tick();
    expect(result.summary.failed).toBe(0);
    const pushed = world.git.filesOf(change.pull_request.branch).get(change.file)!;
    expect(pushed).toBe(`# reviewed by the platform team\n${change.content}`);
  });

  it("an edit to the lines the change touches is a conflict: nothing pushed, an escalation issue, the message marked read", async () => {
    world = await executorWorld();
    const { change, messageId } = await plannedChange(world);
    const lines = world.git.filesOf("main").get(change.file)!.split("\n");
    const at = hunkStart(change.diff) - 1;
    lines[at] = `${lines[at]} # edited after planning`;
    const edited = lines.join("\n");
    world.git.commitToDefault(change.file, edited);
    const { doc, result } = await world.tick();
    const i = doc.messages.findIndex((m) => m.message_id === messageId);
    expect(result.outcomes[i]?.[0]).toMatchObject({ status: "executed", code: "conflict" });
    expect(world.git.pushes.map((p) => p.branch)).not.toContain(change.pull_request.branch);
    expect(world.git.filesOf("main").get(change.file)).toBe(edited);
    const conflict = world.github.issues.find((issue) => readMarker(issue.body)?.message_id === messageId)!;
    expect(conflict.title).toContain("change conflict");
    expect(conflict.body).toContain(change.file);
    expect(await world.unreadIds()).not.toContain(messageId);
    const again = await world.tick();
    expect(again.doc.messages).toHaveLength(0);
    expect(world.github.issues.filter((issue) => readMarker(issue.body)?.message_id === messageId)).toHaveLength(1);
  });
});
