import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../../src/worker/render/marker.ts";
import { executorWorld } from "../../support/executor-world.ts";

type World = Awaited<ReturnType<typeof executorWorld>>;
let world: World;
afterEach(() => world?.cleanup());

/** Every place a tick can die between two effects, for each action kind. */
const CRASHES: [string, (w: World) => void][] = [
  ["after push", (w) => w.git.crashAfterNextPush()],
  ["after PR create", (w) => w.github.crashAfterNext("createPullRequest")],
  ["before label", (w) => w.github.failNext("addLabels")],
  ["after label", (w) => w.github.crashAfterNext("addLabels")],
  ["after issue create", (w) => w.github.crashAfterNext("createIssue")],
  ["after reply", (w) => w.faults.push({ method: "send", when: "after" })],
  ["during reply (hub 5xx)", (w) => w.faults.push({ method: "send", when: "before" })],
  ["before mark-read", (w) => w.faults.push({ method: "markRead", when: "before" })],
  ["after mark-read", (w) => w.faults.push({ method: "markRead", when: "after" })],
];

describe("crash safety: a failure at any step, then another tick", () => {
  it.each(CRASHES)("%s: exactly one PR, issue and reply per message, and every message handled", async (_name, inject) => {
    world = await executorWorld();
    inject(world);
    const first = await world.tick();
    const planned = first.doc.messages.map((m) => m.message_id);
    expect(first.result.summary.failed).toBeGreaterThan(0);
    await world.tick();
    const third = await world.tick();
    expect(third.doc.messages).toHaveLength(0);

    expect(await world.unreadIds()).toEqual(expect.not.arrayContaining(planned));
    const prKeys = world.github.pulls.map((p) => readMarker(p.body)?.key);
    expect(prKeys).toHaveLength(2);
    expect(new Set(prKeys).size).toBe(2);
    for (const pr of world.github.pulls) expect(pr.labels).toEqual(["ops-warden"]);
    expect(world.git.pushes).toHaveLength(2); // a branch pushed before the crash is reused, not pushed again
    const issueKeys = [...world.github.issues.map((i) => i.body), ...[...world.github.comments.values()].flat().map((c) => c.body)].map((b) => readMarker(b)?.key);
    // 5 escalations of planned messages and the sample inbox's 2 quarantined records.
    expect(issueKeys).toHaveLength(7);
    expect(new Set(issueKeys).size).toBe(7);
    const replies = await world.repliesPer();
    expect(replies.size).toBe(10);
    expect([...replies.values()].every((n) => n === 1)).toBe(true);
  });
});
