import nock from "nock";
import { describe, expect, it } from "vitest";
import { API, MAINTAINER, OUTSIDER, REPO, apiComment, commentCreated, issueClosed, prClosed } from "./support.ts";
import { comments, permission, repoPath, useRelayWorld } from "./relay-nock.ts";

/** Exactly once with the relays: a hub key never carries two bodies, and a taken key is "done". */
const world = useRelayWorld();

describe("relays under redelivery and changing comments", () => {
  it("a redelivered issues.closed after a new maintainer comment is skipped, not a 409 failure", async () => {
    comments(12, [apiComment(8, MAINTAINER, "Handled by the DBA team.")]);
    permission(MAINTAINER.login, "admin");
    await world().receive("issues", issueClosed());
    comments(12, [apiComment(8, MAINTAINER, "Handled by the DBA team."), apiComment(9, MAINTAINER, "Also: rotate it next week.")]);
    permission(MAINTAINER.login, "admin");
    await world().receive("issues", issueClosed(), "delivery-2");
    const relayed = await world().relayed();
    expect(relayed).toHaveLength(1);
    expect(relayed[0]?.body).toContain("Handled by the DBA team.");
    expect(relayed[0]?.body).not.toContain("rotate it next week");
    expect(world().audit.flushed.map((e) => [e.outcome, e.rule])).toEqual([["relayed", null], ["skipped", "already-delivered"]]);
  });

  it("a PR closed, reopened and merged relays both outcomes: the merge is not swallowed by the decline", async () => {
    comments(7, []);
    await world().receive("pull_request", prClosed({ merged: false }));
    await world().receive("pull_request", { ...prClosed({ merged: true }), pull_request: { ...prClosed({ merged: true }).pull_request, closed_at: "2026-12-02T10:00:00Z" } }, "delivery-2");
    const firstLines = (await world().relayed()).map((m) => m.body.split("\n")[0]);
    expect(firstLines).toEqual([`declined: https://github.com/${REPO}/pull/7`, `merged: https://github.com/${REPO}/pull/7`]);
    expect(world().audit.flushed.map((e) => [e.action?.kind, e.outcome])).toEqual([["pr_declined", "relayed"], ["pr_merged", "relayed"]]);
  });

  it("an edited /warden reply redelivered relays the first text only, and is skipped", async () => {
    for (let i = 0; i < 2; i++) nock(API).post(`${repoPath}/issues/comments/5001/reactions`).reply(201, {});
    permission(MAINTAINER.login, "write");
    await world().receive("issue_comment", commentCreated("/warden reply approved for staging"));
    permission(MAINTAINER.login, "write");
    await world().receive("issue_comment", commentCreated("/warden reply approved for staging and prod"), "delivery-2");
    const relayed = await world().relayed();
    expect(relayed).toHaveLength(1);
    expect(relayed[0]?.body).not.toContain("and prod");
  });
});

describe("who closed an escalation", () => {
  it("closed by someone without write permission: not relayed as resolved; the requester hears who and that it is not a maintainer's decision", async () => {
    permission(OUTSIDER.login, "read");
    await world().receive("issues", { ...issueClosed(), sender: OUTSIDER });
    const [reply, ...more] = await world().relayed();
    expect(more).toEqual([]);
    expect(reply?.body.split("\n")[0]).toBe(`closed by otto: https://github.com/${REPO}/issues/12`);
    expect(reply?.body).toContain("not a maintainer's decision");
    expect(reply?.body).not.toMatch(/resolved:/);
    expect(reply?.subject).toBe("ops-warden: your escalation was closed, but not by a maintainer");
  });
});

describe("maintainers' words keep to replies.link_hosts", () => {
  it("a link to a host outside the allowlist is withheld (named by host); an allowlisted one stays", async () => {
    comments(12, [apiComment(8, MAINTAINER, "See https://github.com/acme/estate/wiki and https://paste.evil.example/raw/abc for the steps.")]);
    permission(MAINTAINER.login, "admin");
    await world().receive("issues", issueClosed());
    const [reply] = await world().relayed();
    expect(reply?.body).toContain("https://github.com/acme/estate/wiki");
    expect(reply?.body).not.toContain("paste.evil.example/raw");
    expect(reply?.body).toContain("[link withheld: paste.evil.example is not on replies.link_hosts]");
  });

  it("in a /warden reply too", async () => {
    permission(MAINTAINER.login, "write");
    nock(API).post(`${repoPath}/issues/comments/5001/reactions`).reply(201, {});
    await world().receive("issue_comment", commentCreated("/warden reply fetch it from http://10.0.0.5:8200/v1/x"));
    const [reply] = await world().relayed();
    expect(reply?.body).not.toContain("10.0.0.5:8200");
    expect(reply?.body).toContain("[link withheld: 10.0.0.5 is not on replies.link_hosts]");
  });
});

describe("the 👍 after a delivered relay", () => {
  it("a failed reaction is a warning: the relay succeeded and the handler does not fail", async () => {
    permission(MAINTAINER.login, "write");
    nock(API).post(`${repoPath}/issues/comments/5001/reactions`).reply(403, { message: "Resource not accessible by integration" });
    await world().receive("issue_comment", commentCreated("/warden reply approved"));
    expect(await world().relayed()).toHaveLength(1);
    expect(world().audit.flushed.map((e) => e.outcome)).toEqual(["relayed"]);
  });
});
