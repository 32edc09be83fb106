import { afterEach, describe, expect, it } from "vitest";
import { ForgeError } from "../../../src/domain/errors.ts";
import { readMarker } from "../../../src/worker/render/marker.ts";
import { relayPullRequestClosed } from "../../../src/worker/relay/pull-request.ts";
import { executorWorld } from "../../support/executor-world.ts";
import { closedPayload, relayDepsFor } from "../../support/relay-in-world.ts";

type World = Awaited<ReturnType<typeof executorWorld>>;
let world: World;
afterEach(() => world?.cleanup());

/** The message whose plan proposes a change, and its PR once the first tick opened it. */
async function tickLeavingPullRequestMessageUnread(w: World) {
  const dry = await w.dryTick();
  const plan = dry.doc.messages.find((m) => m.run.some((a) => a.kind === "propose_catalog_change" || a.kind === "propose_playbook_change"))!;
  w.faults.push({ method: "markRead", when: "before", messageId: plan.message_id });
  await w.tick();
  const pr = w.github.pulls.find((p) => readMarker(p.body)?.message_id === plan.message_id)!;
  return { plan, pr };
}

const sentTo = async (w: World, id: string) => (await w.stored()).filter((m) => m.from_agent === "ops-warden" && m.in_reply_to === id);

describe("a merged PR whose message is still unread: executor and relay tell the news once", () => {
  it("relay first, then the next tick: no 409, the message is marked read, one merged notice", async () => {
    world = await executorWorld();
    const { plan, pr } = await tickLeavingPullRequestMessageUnread(world);
    world.github.close(pr.number, { merged: true });
    const relayed = await relayPullRequestClosed(closedPayload({ ...pr, merged: true, state: "closed" }), relayDepsFor(world));
    expect(relayed.outcome).toBe("relayed");
    const next = await world.tick();
    expect(next.result.summary.failed).toBe(0);
    expect(await world.unreadIds()).not.toContain(plan.message_id);
    const notices = (await sentTo(world, plan.message_id)).filter((m) => m.body.startsWith("merged: "));
    expect(notices).toHaveLength(1);
  });

  it("the tick first, then the relay: the relay finds the same news under the same key", async () => {
    world = await executorWorld();
    const { plan, pr } = await tickLeavingPullRequestMessageUnread(world);
    world.github.close(pr.number, { merged: true });
    const next = await world.tick();
    expect(next.result.outcomes.flat().map((o) => o.code)).toContain("merged");
    const relayed = await relayPullRequestClosed(closedPayload({ ...pr, merged: true, state: "closed" }), relayDepsFor(world));
    expect(relayed.outcome).not.toBe("ignored");
    expect((await sentTo(world, plan.message_id)).filter((m) => m.body.startsWith("merged: "))).toHaveLength(1);
  });

  it("a hub that answers 409 for the reply key (sent before, other body) is done: skipped, and the message is marked read", async () => {
    world = await executorWorld();
    const { HubError } = await import("../../../src/domain/errors.ts");
    const dry = await world.dryTick();
    const replying = dry.doc.messages.find((m) => m.run.some((a) => a.kind === "answer_route"))!;
    world.faults.push({ method: "send", when: "before", messageId: replying.message_id, error: new HubError("idempotency key reused for a different message", { code: "idempotency_conflict", status: 409 }) });
    const { doc, result } = await world.tick();
    const i = doc.messages.findIndex((m) => m.message_id === replying.message_id);
    expect(result.outcomes[i]?.map((o) => [o.status, o.code])).toEqual([["skipped", "already-delivered"], ["executed", "marked-read"]]);
    expect(world.audit.outcomesOf(doc.messages[i]!.run[0]!.key)).toEqual(["skipped"]);
    expect(await world.unreadIds()).not.toContain(replying.message_id);
  });
});

describe("non-idempotent creations are never repeated blindly", () => {
  it("GitHub creates the issue, then answers 502: the marker is looked up, the issue adopted, no second issue", async () => {
    world = await executorWorld();
    world.github.crashAfterNext("createIssue", new ForgeError("GitHub answered 502 to create issue: Bad Gateway", { status: 502, code: "forge_unavailable" }));
    const { result } = await world.tick();
    expect(result.summary.failed).toBe(0);
    const keys = world.github.issues.map((i) => readMarker(i.body)?.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(world.github.writeCalls().filter((c) => c.method === "createIssue")).toHaveLength(keys.length);
  });

  it("the same after a PR creation and after a comment", async () => {
    world = await executorWorld();
    world.github.crashAfterNext("createPullRequest", new ForgeError("no answer", { code: "connection" }));
    await world.tick();
    expect(world.github.pulls).toHaveLength(2);
    expect(world.github.writeCalls().filter((c) => c.method === "createPullRequest")).toHaveLength(2);
  });
});

describe("two ticks at once on one state directory", () => {
  it("create no duplicate issue, PR, comment or reply, and a later tick finishes every message", async () => {
    world = await executorWorld();
    const [a, b] = await Promise.all([world.tick(), world.tick()]);
    const planned = a.doc.messages.map((m) => m.message_id);
    expect(b.doc.messages.map((m) => m.message_id)).toEqual(planned);
    await world.tick();
    const last = await world.tick();
    expect(last.doc.messages).toHaveLength(0);
    expect(await world.unreadIds()).toEqual(expect.not.arrayContaining(planned));
    const prKeys = world.github.pulls.map((p) => readMarker(p.body)?.key);
    expect(prKeys).toHaveLength(2);
    const escalationKeys = [...world.github.issues.map((i) => i.body), ...[...world.github.comments.values()].flat().map((c) => c.body)].map((body) => readMarker(body)?.key);
    // 5 escalations of planned messages and the sample inbox's 2 quarantined records.
    expect(escalationKeys).toHaveLength(7);
    expect(new Set(escalationKeys).size).toBe(7);
    expect([...(await world.repliesPer()).values()].every((n) => n === 1)).toBe(true);
  });
});
