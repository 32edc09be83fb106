import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gitEnv } from "../../src/adapters/git/auth-env.ts";
import { GitCheckout } from "../../src/adapters/git/checkout.ts";
import { bareOrigin, git } from "../support/git-origin.ts";

const BOT = { name: "ops-warden[bot]", email: "bot@example.com" };
const CANARY = "ghs_CANARYcanaryCANARYcanary0123456789";
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setup() {
  const repo = await bareOrigin();
  cleanups.push(repo.cleanup);
  const checkout = new GitCheckout({ repoDir: repo.checkout, token: async () => CANARY });
  cleanups.push(() => checkout.dispose());
  return { repo, checkout };
}

describe("GitCheckout (real git, local bare origin)", () => {
  it("builds, commits and pushes a warden/ branch in a private clone, leaving the user's tree alone", async () => {
    const { repo, checkout } = await setup();
    await writeFile(join(repo.checkout, "catalog", "owners.yaml"), "uncommitted local edit\n");
    const { defaultBranch, head } = await checkout.fetch();
    expect(defaultBranch).toBe("main");
    expect(head).toBe(await git(repo.origin, "rev-parse", "main"));
    await checkout.branchFrom("warden/test-1", defaultBranch);
    await checkout.writeFiles([{ path: "catalog/new.yaml", content: "routes: []\n" }]);
    expect((await checkout.readFiles(["catalog"])).get("catalog/new.yaml")).toBe("routes: []\n");
    const sha = await checkout.commit("add a file", BOT);
    await checkout.push("warden/test-1");
    expect(await git(repo.origin, "rev-parse", "warden/test-1")).toBe(sha);
    expect(await git(repo.origin, "log", "-1", "--format=%an <%ae> %cn <%ce>", "warden/test-1")).toBe("ops-warden[bot] <bot@example.com> ops-warden[bot] <bot@example.com>");
    expect(await readFile(join(repo.checkout, "catalog", "owners.yaml"), "utf8")).toBe("uncommitted local edit\n");
    expect(await git(repo.checkout, "branch", "--show-current")).toBe("main");
    expect(await git(repo.checkout, "branch", "--list", "warden/*")).toBe("");

    // The token never lands in the clone's config, a remote URL or a commit.
    const config = await readFile(join(checkout.path!, ".git", "config"), "utf8");
    expect(config).not.toContain(CANARY);
    expect(config).not.toContain(Buffer.from(`x-access-token:${CANARY}`).toString("base64"));
    expect(await git(repo.origin, "log", "--format=%B", "warden/test-1")).not.toContain(CANARY);

    // The next tick sees the branch it pushed.
    await checkout.fetch();
    expect(await checkout.botBranches()).toEqual(new Map([["warden/test-1", sha]]));
    expect(await checkout.onlyAuthoredBy("warden/test-1", "main", BOT)).toBe(true);
  });

  it("refuses refs outside warden/, and force-pushes over the bot's own branch only", async () => {
    const { repo, checkout } = await setup();
    await checkout.fetch();
    await expect(checkout.branchFrom("main", "main")).rejects.toThrow(/only writes warden\//);
    await expect(checkout.push("main")).rejects.toThrow(/only writes warden\//);
    await expect(checkout.push("refs/heads/main")).rejects.toThrow(/only writes warden\//);

    // A maintainer pushes a commit of their own onto a warden/ branch.
    await git(repo.checkout, "checkout", "--quiet", "-b", "warden/taken");
    await writeFile(join(repo.checkout, "catalog", "x.yaml"), "routes: []\n");
    await git(repo.checkout, "add", "--all");
    await git(repo.checkout, "-c", "user.name=Maintainer", "-c", "user.email=maintainer@example.com", "commit", "--quiet", "-m", "mine");
    await git(repo.checkout, "push", "--quiet", "origin", "warden/taken");
    await checkout.fetch();
    expect(await checkout.onlyAuthoredBy("warden/taken", "main", BOT)).toBe(false);
    await checkout.branchFrom("warden/taken", "main");
    await checkout.writeFiles([{ path: "catalog/y.yaml", content: "routes: []\n" }]);
    await checkout.commit("bot change", BOT);
    await expect(checkout.push("warden/taken", { force: true })).rejects.toThrow(/did not make/);
    await expect(checkout.push("warden/taken")).rejects.toThrow(/rejected by origin/);
  });

  it("passes the token as a per-process extraheader in the environment, not in argv", () => {
    const env = gitEnv("/home", CANARY);
    expect(env.GIT_CONFIG_KEY_0).toBe("http.extraheader");
    expect(env.GIT_CONFIG_VALUE_0).toBe(`AUTHORIZATION: basic ${Buffer.from(`x-access-token:${CANARY}`).toString("base64")}`);
    expect(gitEnv("/home", undefined).GIT_CONFIG_COUNT).toBeUndefined();
  });
});

describe("GitCheckout and the audit branch", () => {
  it("never fetches a skipped warden/ branch (the audit branch), but still every proposal branch", async () => {
    const repo = await bareOrigin();
    cleanups.push(repo.cleanup);
    for (const branch of ["warden/audit", "warden/catalog-x-1"]) await git(repo.checkout, "push", "--quiet", "origin", `main:refs/heads/${branch}`);
    const skipping = new GitCheckout({ repoDir: repo.checkout, skipBranches: ["warden/audit"] });
    cleanups.push(() => skipping.dispose());
    await skipping.fetch();
    expect([...(await skipping.botBranches()).keys()]).toEqual(["warden/catalog-x-1"]);
    const plain = new GitCheckout({ repoDir: repo.checkout });
    cleanups.push(() => plain.dispose());
    await plain.fetch();
    expect([...(await plain.botBranches()).keys()].sort()).toEqual(["warden/audit", "warden/catalog-x-1"]);
  });
});

describe("GitCheckout and symbolic links under catalog/ or playbooks/", () => {
  it("reads only regular files and refuses to write through a link, so only a change touching it fails", async () => {
    const { repo, checkout } = await setup();
    const outside = await mkdtemp(join(tmpdir(), "warden-outside-"));
    cleanups.push(() => rm(outside, { recursive: true, force: true }));
    await writeFile(join(outside, "secret.md"), "outside the repository\n");
    await symlink(join(outside, "secret.md"), join(repo.checkout, "playbooks", "linked.md"));
    await symlink(outside, join(repo.checkout, "catalog", "linked-dir"));
    await git(repo.checkout, "add", "--all");
    await git(repo.checkout, "-c", "user.name=M", "-c", "user.email=m@example.com", "commit", "--quiet", "-m", "links");
    await git(repo.checkout, "push", "--quiet", "origin", "main");
    await checkout.fetch();
    await checkout.branchFrom("warden/links", "main");
    const files = await checkout.readFiles(["catalog", "playbooks"]);
    expect([...files.keys()].some((p) => p.includes("linked"))).toBe(false);
    expect(files.size).toBeGreaterThan(0);
    expect(await checkout.readFile("playbooks/linked.md")).toBeUndefined();
    await expect(checkout.writeFiles([{ path: "playbooks/linked.md", content: "x" }])).rejects.toThrow(/symbolic link/);
    await expect(checkout.writeFiles([{ path: "catalog/linked-dir/new.yaml", content: "x" }])).rejects.toThrow(/symbolic link/);
    expect(await readFile(join(outside, "secret.md"), "utf8")).toBe("outside the repository\n");
    await checkout.writeFiles([{ path: "playbooks/fine.md", content: "ok\n" }]);
    expect(await checkout.readFile("playbooks/fine.md")).toBe("ok\n");
  });
});

describe("GitCheckout between changes of one tick", () => {
  it("a file written but never committed (a change that failed validation) is gone on the next branch", async () => {
    const { checkout } = await setup();
    await checkout.fetch();
    await checkout.branchFrom("warden/failed", "main");
    await checkout.writeFiles([{ path: "catalog/half-done.yaml", content: "routes: {{{\n" }]);
    await checkout.branchFrom("warden/next", "main");
    expect(await checkout.readFile("catalog/half-done.yaml")).toBeUndefined();
    await checkout.writeFiles([{ path: "catalog/next.yaml", content: "routes: []\n" }]);
    expect(await checkout.commit("next", BOT)).toMatch(/^[0-9a-f]{40}$/);
    await checkout.push("warden/next");
    expect(await checkout.remoteTip("warden/next")).toBe(await git(checkout.path!, "rev-parse", "HEAD"));
  });
});
