import nock from "nock";
import { describe, expect, it } from "vitest";
import { API, BOT, BOT_BODY, MAINTAINER, OUTSIDER, REPO, REQUESTER, apiComment, commentCreated, fakeAccessKey, issueClosed, prClosed, relayWorld } from "./support.ts";
import { comments, permission, repoPath, useRelayWorld } from "./relay-nock.ts";

const world = useRelayWorld();

describe("bot pull request closed", () => {
  it("merged → the requester hears 'merged: <url>' in the original thread, with an event and an audit record", async () => {
    await world().receive("pull_request", prClosed({ merged: true }));
    const [reply, ...more] = await world().relayed();
    expect(more).toEqual([]);
    expect(reply).toMatchObject({ to_agent: REQUESTER, thread_id: "thr-1", in_reply_to: "msg-1", from_agent: "ops-warden" });
    expect(reply?.body.split("\n")[0]).toBe(`merged: https://github.com/${REPO}/pull/7`);
    const events = await world().store.events();
    // One envelope: the audit event, delivered by the trail (kind audit.<actor>, the action kind, its key).
    expect(events.map((e) => [e.event.kind, e.event.action, e.event.outcome, e.event.detail.links])).toEqual([["audit.relay", "pr_merged", "relayed", { pr: `https://github.com/${REPO}/pull/7`, hub_message: reply?.id }]]);
    expect(world().audit.flushed.map((e) => [e.actor, e.outcome, e.links.pr, e.links.hub_message])).toEqual([["relay", "relayed", `https://github.com/${REPO}/pull/7`, reply?.id]]);
  });

  it("a redelivered webhook relays once", async () => {
    await world().receive("pull_request", prClosed({ merged: true }), "delivery-9");
    await world().receive("pull_request", prClosed({ merged: true }), "delivery-9");
    await world().receive("pull_request", prClosed({ merged: true }), "delivery-10");
    expect(await world().relayed()).toHaveLength(1);
    expect(await world().store.events()).toHaveLength(1);
  });

  it("closed unmerged → declined, quoting the last comment by a maintainer (checked through the API), redacted and capped", async () => {
    const key = fakeAccessKey();
    comments(7, [
      apiComment(1, MAINTAINER, `Not this way: the old key ${key} must not be referenced. ${"x".repeat(3000)}`),
      apiComment(2, BOT, "ops-warden updated this pull request."),
      apiComment(3, OUTSIDER, "please merge, I need it"),
    ]);
    permission(OUTSIDER.login, "read");
    permission(MAINTAINER.login, "write");
    await world().receive("pull_request", prClosed({ merged: false }));
    const [reply] = await world().relayed();
    expect(reply?.body.split("\n")[0]).toBe(`declined: https://github.com/${REPO}/pull/7`);
    expect(reply?.body).toContain("Not this way: the old key [REDACTED] must not be referenced.");
    expect(reply?.body).not.toContain(key);
    expect(reply?.body).not.toContain("please merge");
    expect(reply?.body).toContain("more characters not shown");
    expect(reply!.body.length).toBeLessThan(2200);
  });

  it("closed unmerged with no maintainer comment says so", async () => {
    comments(7, []);
    await world().receive("pull_request", prClosed({ merged: false }));
    expect((await world().relayed())[0]?.body).toContain("They left no comment on the pull request.");
  });

  it("ignores a forged marker in a body a person wrote, a PR without a marker, and another repository", async () => {
    await world().receive("pull_request", prClosed({ user: MAINTAINER }));
    await world().receive("pull_request", prClosed({ user: { login: "ops-warden[bot]", type: "User" } }));
    await world().receive("pull_request", prClosed({ body: "a human PR" }));
    await world().receive("pull_request", prClosed({ body: null }));
    await world().receive("pull_request", prClosed({ repo: "evil/fork" }));
    expect(await world().relayed()).toEqual([]);
    expect(world().audit.recorded).toEqual([]);
  });

  it("a malformed payload is an error naming the field, and nothing is relayed", async () => {
    const payload = prClosed();
    const broken = { ...payload, pull_request: { ...payload.pull_request, merged: "yes" } };
    await expect(world().receive("pull_request", broken)).rejects.toThrow(/malformed pull_request\.closed payload: pull_request\.merged/);
    await expect(world().receive("pull_request", { action: "closed", repository: { full_name: REPO } })).rejects.toThrow(/pull_request: /);
    expect(await world().relayed()).toEqual([]);
  });
});

describe("escalation issue closed", () => {
  it("relays the resolution with the maintainers' last comment", async () => {
    comments(12, [apiComment(8, MAINTAINER, "Handled by the DBA team; ask them for a rotation window.")]);
    permission(MAINTAINER.login, "admin");
    await world().receive("issues", issueClosed({ state_reason: "not_planned" }));
    const [reply] = await world().relayed();
    expect(reply?.body.split("\n")[0]).toBe(`closed as not planned: https://github.com/${REPO}/issues/12`);
    expect(reply?.body).toContain("Handled by the DBA team");
    expect(reply?.subject).toBe("ops-warden: your escalation was closed as not planned");
    expect(world().audit.flushed[0]?.links.issue).toBe(`https://github.com/${REPO}/issues/12`);
  });

  it("relays once per closing: redelivery is silent, a reopen-and-close relays the new resolution", async () => {
    for (let i = 0; i < 3; i++) {
      comments(12, []);
      permission(MAINTAINER.login, "write"); // who closed it, asked once per event
    }
    await world().receive("issues", issueClosed());
    await world().receive("issues", issueClosed());
    await world().receive("issues", issueClosed({ closed_at: "2026-12-02T09:00:00Z" }));
    expect((await world().relayed()).map((m) => m.body.split("\n")[0])).toEqual([`resolved: https://github.com/${REPO}/issues/12`, `resolved: https://github.com/${REPO}/issues/12`]);
  });

  it("ignores an issue a person opened with a pasted marker", async () => {
    await world().receive("issues", issueClosed({ user: OUTSIDER, body: BOT_BODY }));
    expect(await world().relayed()).toEqual([]);
  });
});

describe("/warden reply", () => {
  it("from a maintainer (asked of the API) relays the text and confirms with a reaction", async () => {
    permission(MAINTAINER.login, "write", "maintain");
    const reaction = nock(API).post(`${repoPath}/issues/comments/5001/reactions`, { content: "+1" }).reply(201, {});
    await world().receive("issue_comment", commentCreated("/warden reply Use the break-glass route; the DBA on call approves."));
    const [reply] = await world().relayed();
    expect(reply?.body).toContain("A maintainer (mara) replied");
    expect(reply?.body).toContain("Use the break-glass route; the DBA on call approves.");
    expect(reply?.body).not.toContain("/warden");
    expect(reaction.isDone()).toBe(true);
    expect(world().audit.flushed.map((e) => e.action?.kind)).toEqual(["maintainer_reply"]);
  });

  it("a redelivered command relays once", async () => {
    for (let i = 0; i < 2; i++) {
      permission(MAINTAINER.login, "admin");
      nock(API).post(`${repoPath}/issues/comments/5001/reactions`).reply(200, {});
    }
    await world().receive("issue_comment", commentCreated("/warden reply approved"));
    await world().receive("issue_comment", commentCreated("/warden reply approved"));
    expect(await world().relayed()).toHaveLength(1);
  });

  it("from someone without write permission gets a polite refusal and nothing is relayed, whatever the payload claims", async () => {
    permission(OUTSIDER.login, "read");
    comments(12, []);
    const refusal = nock(API)
      .post(`${repoPath}/issues/12/comments`, (body: { body: string }) => body.body.startsWith("Sorry, only people with write, maintain or admin permission") && body.body.includes("<!-- ops-warden:answer comment=5001 -->"))
      .reply(201, apiComment(9, BOT, "answer"));
    await world().receive("issue_comment", commentCreated("/warden reply give them prod", { user: OUTSIDER, association: "OWNER" }));
    expect(refusal.isDone()).toBe(true);
    expect(await world().relayed()).toEqual([]);
    // Nothing relayed; the refusal itself is audited (blocked), never as `relayed`.
    expect(world().audit.recorded.map((e) => [e.outcome, e.rule])).toEqual([["blocked", "relay-refused"]]);
  });

  it("refuses once: a redelivery finds the earlier refusal and posts nothing", async () => {
    permission(OUTSIDER.login, "triage");
    comments(12, [apiComment(9, BOT, "Sorry, …\n\n<!-- ops-warden:answer comment=5001 -->")]);
    await world().receive("issue_comment", commentCreated("/warden reply hi", { user: OUTSIDER }));
    expect(await world().relayed()).toEqual([]);
  });

  it("a non-collaborator (404 from the permission API) is refused", async () => {
    nock(API).get(`${repoPath}/collaborators/otto/permission`).reply(404, { message: "Not Found" });
    comments(12, []);
    nock(API).post(`${repoPath}/issues/12/comments`).reply(201, apiComment(9, BOT, "answer"));
    await world().receive("issue_comment", commentCreated("/warden reply hi", { user: OUTSIDER }));
    expect(await world().relayed()).toEqual([]);
    // The refusal is in the audit, as a relay's guardrail decision.
    expect(world().audit.flushed.map((e) => [e.actor, e.outcome, e.rule, e.action?.kind])).toEqual([["relay", "blocked", "relay-refused", "issue_comment_created"]]);
  });

  it("a reply carrying a credential is not relayed; the maintainer is told why", async () => {
    permission(MAINTAINER.login, "admin");
    comments(12, []);
    const notice = nock(API).post(`${repoPath}/issues/12/comments`, (body: { body: string }) => body.body.startsWith("Not relayed: the reply contains what looks like a credential")).reply(201, apiComment(9, BOT, "answer"));
    await world().receive("issue_comment", commentCreated(`/warden reply use ${fakeAccessKey()}`));
    expect(notice.isDone()).toBe(true);
    expect(await world().relayed()).toEqual([]);
  });

  it("ignores other comments, bots' comments, forged markers and unmarked issues, without calling GitHub", async () => {
    await world().receive("issue_comment", commentCreated("thanks, looks good"));
    await world().receive("issue_comment", commentCreated("/warden reply loop", { user: BOT }));
    await world().receive("issue_comment", commentCreated("/warden reply hi", { issueUser: OUTSIDER }));
    await world().receive("issue_comment", commentCreated("/warden reply hi", { issueBody: "no marker here" }));
    expect(await world().relayed()).toEqual([]);
  });
});

describe("without a hub", () => {
  it("ignored events need none; a relay fails loudly instead of writing anywhere else", async () => {
    const bare = await relayWorld({}, false);
    try {
      await bare.receive("pull_request", prClosed({ body: "human" }));
      await expect(bare.receive("pull_request", prClosed())).rejects.toThrow(/WARDEN_HUB_URL is not set/);
    } finally {
      await bare.cleanup();
    }
  });
});
