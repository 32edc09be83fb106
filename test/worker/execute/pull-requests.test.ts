import { afterEach, describe, expect, it } from "vitest";
import { readMarker, withMarker } from "../../../src/worker/render/marker.ts";
import { BOT, executorWorld } from "../../support/executor-world.ts";

type World = Awaited<ReturnType<typeof executorWorld>>;
let world: World;
afterEach(() => world?.cleanup());

const CATALOG_MSG = "msg-0008";

/** First tick opens the PRs but the catalog message's mark-read fails, so it comes back. */
async function openedButUnread(): Promise<World> {
  world = await executorWorld();
  world.faults.push({ method: "markRead", when: "before", messageId: CATALOG_MSG });
  await world.tick();
  expect(await world.unreadIds()).toContain(CATALOG_MSG);
  return world;
}

function catalogPr(w: World) {
  const pr = w.github.pulls.find((p) => readMarker(p.body)?.message_id === CATALOG_MSG);
  if (!pr) throw new Error("no catalog PR");
  return pr;
}

async function repliesTo(w: World, id: string) {
  return (await w.stored()).filter((m) => m.in_reply_to === id);
}

describe("pull requests found again by marker", () => {
  it("closed without merge: declined, never reopened or recreated, and the requester is told with the link", async () => {
    const w = await openedButUnread();
    const pr = catalogPr(w);
    w.github.close(pr.number);
    const before = w.github.writeCalls().length;
    const { result, doc } = await w.tick();
    const index = doc.messages.findIndex((m) => m.message_id === CATALOG_MSG);
    expect(result.outcomes[index]?.[0]).toMatchObject({ status: "skipped", code: "declined", url: pr.url });
    expect(w.github.writeCalls()).toHaveLength(before);
    expect(w.github.pulls).toHaveLength(2);
    const replies = await repliesTo(w, CATALOG_MSG);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(pr.url);
    expect(replies[0]?.body).toMatch(/declined/);
    expect(await w.unreadIds()).not.toContain(CATALOG_MSG);
  });

  it("merged: done, and the requester gets the link", async () => {
    const w = await openedButUnread();
    const pr = catalogPr(w);
    w.github.close(pr.number, { merged: true });
    await w.tick();
    const replies = await repliesTo(w, CATALOG_MSG);
    expect(replies.map((r) => r.body)).toEqual([expect.stringContaining(`merged: ${pr.url}`)]);
  });

  it("open with different content: branch and body updated in place, no second PR", async () => {
    const w = await openedButUnread();
    const pr = catalogPr(w);
    const marker = readMarker(pr.body)!;
    pr.body = withMarker("an older version of this proposal", { ...marker, hash: "0000000000000000" });
    const pushes = w.git.pushes.length;
    const { result, doc } = await w.tick();
    const index = doc.messages.findIndex((m) => m.message_id === CATALOG_MSG);
    expect(result.outcomes[index]?.[0]).toMatchObject({ status: "executed", code: "updated", url: pr.url });
    expect(w.github.pulls).toHaveLength(2);
    expect(readMarker(catalogPr(w).body)?.hash).toBe(marker.hash);
    expect(w.github.writeCalls().filter((c) => c.method === "updatePullRequest")).toHaveLength(1);
    // The branch already carried the planned content, so nothing was pushed again.
    expect(w.git.pushes.length).toBe(pushes);
  });

  it("a 422 'already exists' race adopts and updates the open PR", async () => {
    world = await executorWorld();
    const { doc } = await world.dryTick();
    const planned = doc.messages.flatMap((m) => m.run).find((a) => a.kind === "propose_catalog_change");
    if (planned?.kind !== "propose_catalog_change") throw new Error("no catalog change planned");
    await world.github.createPullRequest({ head: planned.pull_request.branch, base: "main", title: "raced", body: "created by a parallel tick" });
    await world.tick();
    expect(world.github.pulls.filter((p) => p.head === planned.pull_request.branch)).toHaveLength(1);
    expect(readMarker(world.github.pulls[0]!.body)?.key).toBe(planned.key);
    expect(world.github.calls.some((c) => c.method === "findOpenPullRequest")).toBe(true);
  });

  it("a rejected push fails the action only; the message stays unread and the next tick opens the PR", async () => {
    world = await executorWorld();
    world.git.rejectNextPush();
    const { result } = await world.tick();
    expect(result.summary.failed).toBe(1);
    expect(result.summary.deferred).toBe(1); // its mark_read
    expect(world.github.pulls).toHaveLength(1);
    const second = await world.tick();
    expect(second.result.summary.failed).toBe(0);
    expect(world.github.pulls).toHaveLength(2);
  });

  it("never replaces a warden/ branch that carries someone else's commits", async () => {
    world = await executorWorld();
    const { doc } = await world.dryTick();
    const planned = doc.messages.flatMap((m) => m.run).find((a) => a.kind === "propose_catalog_change");
    if (planned?.kind !== "propose_catalog_change") throw new Error("no catalog change planned");
    await world.git.branchFrom(planned.pull_request.branch, "main");
    await world.git.writeFiles([{ path: "catalog/other.yaml", content: "routes: []\n" }]);
    await world.git.commit("a maintainer's commit", { name: "Maintainer", email: "maintainer@example.com" });
    await world.git.push(planned.pull_request.branch);
    const { result } = await world.tick();
    expect(result.outcomes.flat().find((o) => o.code === "error")?.reason).toMatch(/not made by ops-warden\[bot\]/);
    expect(world.git.pushes.filter((p) => p.force)).toHaveLength(0);
    expect(BOT.name).toBe("ops-warden[bot]");
  });

  it("ignores a marker forged into someone else's PR: a fake 'declined' does not stop the proposal", async () => {
    world = await executorWorld();
    const { doc } = await world.dryTick();
    const planned = doc.messages.flatMap((m) => m.run).find((a) => a.kind === "propose_catalog_change");
    if (planned?.kind !== "propose_catalog_change") throw new Error("no catalog change planned");
    world.github.login = "mallory";
    const forged = await world.github.createPullRequest({ head: "warden/decoy", base: "main", title: "decoy", body: planned.pull_request.body });
    world.github.close(forged.number);
    world.github.login = "ops-warden[bot]";
    const { result } = await world.tick();
    expect(result.outcomes.flat().some((o) => o.code === "declined")).toBe(false);
    expect(world.github.pulls.filter((p) => p.author?.login === "ops-warden[bot]")).toHaveLength(2);
  });
});
