import { describe, expect, it } from "vitest";
import { isBotBranch } from "../../src/domain/git.ts";
import { MemoryGit } from "../support/memory-git.ts";
import { MemoryGitHub } from "../support/memory-github.ts";

const bot = { name: "ops-warden[bot]", email: "ops-warden[bot]@users.noreply.github.com" };

describe("bot branches", () => {
  it("are the warden/ namespace only", () => {
    expect(isBotBranch("warden/msg-1-abcd")).toBe(true);
    for (const ref of ["main", "warden/", "warden/../main", "refs/heads/main", "warden/a b", "wardenx/a"]) expect(isBotBranch(ref)).toBe(false);
  });
});

describe("MemoryGit", () => {
  it("pushes bot branches, refuses others, and force only when asked", async () => {
    const git = new MemoryGit({ "catalog/a.yaml": "routes: []\n" });
    const { defaultBranch } = await git.fetch();
    await git.branchFrom("warden/x", defaultBranch);
    await git.writeFiles([{ path: "catalog/a.yaml", content: "routes: [1]\n" }]);
    expect(await git.commit("change", bot)).toMatch(/^[0-9a-f]{40}$/);
    await expect(git.push("main")).rejects.toThrow(/only warden/);
    await git.push("warden/x");
    expect(git.filesOf("warden/x").get("catalog/a.yaml")).toBe("routes: [1]\n");
    expect(await git.onlyAuthoredBy("warden/x", "main", bot)).toBe(true);

    await git.branchFrom("warden/x", defaultBranch);
    await git.writeFiles([{ path: "catalog/a.yaml", content: "routes: [2]\n" }]);
    await git.commit("change again", bot);
    await expect(git.push("warden/x")).rejects.toThrow(/non-fast-forward/);
    await git.push("warden/x", { force: true });
    expect(git.filesOf("warden/x").get("catalog/a.yaml")).toBe("routes: [2]\n");
  });

  it("commits nothing when nothing changed", async () => {
    const git = new MemoryGit({ "catalog/a.yaml": "x\n" });
    await git.branchFrom("warden/y", "main");
    await git.writeFiles([{ path: "catalog/a.yaml", content: "x\n" }]);
    expect(await git.commit("noop", bot)).toBeUndefined();
  });
});

describe("MemoryGitHub", () => {
  it("answers a second PR from the same head with 422 and lists by label or head prefix", async () => {
    const gh = new MemoryGitHub();
    const pr = await gh.createPullRequest({ head: "warden/a", base: "main", title: "t", body: "b" });
    await expect(gh.createPullRequest({ head: "warden/a", base: "main", title: "t", body: "b" })).rejects.toMatchObject({ status: 422 });
    await gh.createIssue({ title: "i", body: "b", labels: ["ops-warden"] });
    expect((await gh.listPullRequests({ headPrefix: "warden/" })).map((p) => p.number)).toEqual([pr.number]);
    expect(await gh.listIssues({ label: "ops-warden" })).toHaveLength(1);
    gh.close(pr.number);
    expect(await gh.findOpenPullRequest("warden/a")).toBeUndefined();
    expect(gh.writeCalls().map((c) => c.method)).toEqual(["createPullRequest", "createPullRequest", "createIssue"]);
  });

  it("fails a chosen call once", async () => {
    const gh = new MemoryGitHub();
    gh.failNext("createIssue");
    await expect(gh.createIssue({ title: "t", body: "b", labels: [] })).rejects.toThrow(/injected/);
    await expect(gh.createIssue({ title: "t", body: "b", labels: [] })).resolves.toMatchObject({ number: 1 });
  });
});
