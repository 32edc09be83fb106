/**
 * Vitest global setup: builds the CLI bundle (scripts/build.ts) from the current sources once per
 * run, so tests that need a real process (exit codes, signals, SIGKILL) start the artifact the
 * bin and the workflows run — about 0.2 s a start instead of compiling TypeScript through tsx —
 * and never a dist/ that is stale while src/ is being edited.
 *
 * The bundle sits in a temporary package: a package.json beside dist/ makes it the package root,
 * and samples/ links to this repository's, so the default sample inbox is the same one.
 */
import { copyFile, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildDist } from "../../scripts/build.ts";

const ROOT = join(import.meta.dirname, "..", "..");

declare module "vitest" {
  export interface ProvidedContext {
    /** The directory of a fresh build: warden.mjs, relay.mjs, tick-decide.mjs, plan-thread.mjs. */
    wardenDist: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "warden-test-build-"));
  await copyFile(join(ROOT, "package.json"), join(dir, "package.json"));
  await symlink(join(ROOT, "samples"), join(dir, "samples"));
  await buildDist({ outdir: join(dir, "dist") });
  project.provide("wardenDist", join(dir, "dist"));
  return () => rm(dir, { recursive: true, force: true });
}
