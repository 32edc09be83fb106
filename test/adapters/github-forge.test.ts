import { createServer } from "node:net";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { forgeError } from "../../src/adapters/github/errors.ts";
import { OctokitForge } from "../../src/adapters/github/forge.ts";
import type { OctokitRequester } from "../../src/adapters/github/forge.ts";
import { createOctokit } from "../../src/adapters/github/octokit.ts";
import { ForgeError, ForgeRateLimitError } from "../../src/domain/errors.ts";
import { FakeGitHubApi } from "../support/fake-github-api.ts";
import { nockGitHub } from "../support/nock-github.ts";

const repository = { owner: "acme", name: "estate" };

/** The production client: the retry plugin on, as in a real tick; only client pacing is off. */
async function forgeFor(baseUrl: string, retry = true) {
  const { octokit } = await createOctokit({ baseUrl, auth: { kind: "token", token: "test-token" }, repository, throttle: false, retry });
  return new OctokitForge(octokit as unknown as OctokitRequester, repository);
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe("creations are sent once", () => {
  it("GitHub creates the issue, then answers 502: the retry plugin does not post it again", async () => {
    const api = new FakeGitHubApi();
    nockGitHub(api);
    api.failAfter((r) => r.method === "POST" && r.path.endsWith("/issues"), { status: 502, body: { message: "Bad Gateway" } });
    const forge = await forgeFor(api.base);
    const error = await forge.createIssue({ title: "t", body: "b", labels: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeError);
    expect(error).toMatchObject({ status: 502 });
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(api.issues()).toHaveLength(1);
  });

  it("the same for a pull request and a comment", async () => {
    const api = new FakeGitHubApi();
    nockGitHub(api);
    const forge = await forgeFor(api.base);
    const issue = await forge.createIssue({ title: "t", body: "b", labels: [] });
    api.failAfter((r) => r.method === "POST" && r.path.endsWith("/comments"), { status: 503, body: { message: "Service Unavailable" } });
    api.failAfter((r) => r.method === "POST" && r.path.endsWith("/pulls"), { status: 504, body: { message: "Gateway Timeout" } });
    await expect(forge.comment(issue.number, "c")).rejects.toMatchObject({ status: 503 });
    await expect(forge.createPullRequest({ head: "warden/x", base: "main", title: "t", body: "b" })).rejects.toMatchObject({ status: 504 });
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(3);
  });

  it("lists every page and reads who wrote each artefact", async () => {
    const api = new FakeGitHubApi();
    nockGitHub(api);
    const forge = await forgeFor(api.base);
    for (let i = 0; i < 105; i++) api.items.push({ number: i + 1, title: `i${i}`, body: "b", state: "open", labels: ["ops-warden"], comments: [] });
    const issues = await forge.listIssues({ label: "ops-warden" });
    expect(issues).toHaveLength(105);
    expect(issues[0]?.author).toEqual({ login: "ops-warden[bot]", bot: true });
  });
});

describe("the one error mapper", () => {
  it("a connection failure names host, port and cause, not 'HTTP 500'", async () => {
    nock.enableNetConnect("127.0.0.1");
    const port = await closedPort();
    // Retries off only to skip the plugin's waits; the mapping is the same on the last attempt.
    const forge = await forgeFor(`http://127.0.0.1:${port}`, false);
    const error = (await forge.listIssues({}).catch((e: unknown) => e)) as ForgeError;
    expect(error).toBeInstanceOf(ForgeError);
    expect(error.message).toBe(`GitHub list issues failed: cannot reach 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(error.code).toBe("connection");
    expect(error.message).not.toContain("500");
  });

  it("honours retry-after and a primary limit's reset time", () => {
    const limited = (status: number, headers: Record<string, string>, message = "limited") => Object.assign(new Error(message), { status, response: { headers } });
    const secondary = forgeError("create issue", limited(403, { "retry-after": "60" }, "You have exceeded a secondary rate limit"));
    expect(secondary).toBeInstanceOf(ForgeRateLimitError);
    expect((secondary as ForgeRateLimitError).retryAfterSeconds).toBe(60);
    const primary = forgeError("list issues", limited(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000120" }), () => 1_700_000_000_000);
    expect(primary).toBeInstanceOf(ForgeRateLimitError);
    expect((primary as ForgeRateLimitError).retryAfterSeconds).toBe(120);
    expect(primary.message).toContain("primary rate limit");
    expect(forgeError("comment", limited(502, {}, "Bad Gateway"))).toMatchObject({ status: 502, code: "forge_unavailable" });
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
