import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { REPO_ROOT } from "../catalog/helpers.ts";

/**
 * A real origin for git tests: a bare repository (HEAD → main) seeded with the shipped catalog
 * and playbooks, and a user's clone of it whose working tree the bot must never touch.
 */
export async function bareOrigin(): Promise<{ root: string; origin: string; checkout: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "warden-origin-"));
  const origin = join(root, "origin.git");
  const checkout = join(root, "checkout");
  const env = { PATH: process.env.PATH ?? "", HOME: root, GIT_CONFIG_NOSYSTEM: "1" };
  await simpleGit({ baseDir: root, allowEnvironment: ["GIT_CONFIG_NOSYSTEM"] }).env(env).raw(["init", "--quiet", "--bare", "--initial-branch=main", origin]);
  await simpleGit({ baseDir: root, allowEnvironment: ["GIT_CONFIG_NOSYSTEM"] }).env(env).raw(["clone", "--quiet", origin, checkout]);
  await cp(join(REPO_ROOT, "catalog"), join(checkout, "catalog"), { recursive: true });
  await cp(join(REPO_ROOT, "playbooks"), join(checkout, "playbooks"), { recursive: true });
  const user = simpleGit({ baseDir: checkout, config: ["user.name=Maintainer", "user.email=maintainer@example.com"], allowEnvironment: ["GIT_CONFIG_NOSYSTEM"] }).env(env);
  await user.raw(["checkout", "--quiet", "-b", "main"]);
  await user.raw(["add", "--all"]);
  await user.raw(["commit", "--quiet", "-m", "catalog"]);
  await user.raw(["push", "--quiet", "origin", "main"]);
  return { root, origin, checkout, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Runs git in `dir` with an isolated environment and returns trimmed stdout. */
export async function git(dir: string, ...args: string[]): Promise<string> {
  return (await simpleGit({ baseDir: dir, allowEnvironment: ["GIT_CONFIG_NOSYSTEM"] }).env({ PATH: process.env.PATH ?? "", HOME: dir, GIT_CONFIG_NOSYSTEM: "1" }).raw(args)).trim();
}
