import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OctokitForge } from "../../src/adapters/github/forge.ts";
import type { OctokitRequester } from "../../src/runtime/relay.ts";

const Octokit = ProbotOctokit.defaults((o: object) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
const octokit = new Octokit({ auth: "test-token" }) as unknown as OctokitRequester;
const forge = new OctokitForge(octokit, { owner: "acme", name: "estate" });
const pin = (n: number) => forge.pinIssue(n);

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe("pinning the dashboard issue", () => {
  it("looks up the issue's node id and pins it through GraphQL", async () => {
    nock("https://api.github.com").get("/repos/acme/estate/issues/4").reply(200, { node_id: "I_kwDOabc" });
    const mutation = nock("https://api.github.com")
      .post("/graphql", (body: { query: string; variables: { issueId: string } }) => body.query.includes("pinIssue") && body.variables.issueId === "I_kwDOabc")
      .reply(200, { data: { pinIssue: { issue: { number: 4 } } } });
    await pin(4);
    expect(mutation.isDone()).toBe(true);
  });

  it("a GraphQL error (three issues pinned already) is a ForgeError", async () => {
    nock("https://api.github.com").get("/repos/acme/estate/issues/4").reply(200, { node_id: "I_kwDOabc" });
    nock("https://api.github.com").post("/graphql").reply(200, { errors: [{ message: "limit reached" }] });
    await expect(pin(4)).rejects.toMatchObject({ name: "ForgeError", message: "GitHub refused to pin the dashboard issue" });
  });
});
