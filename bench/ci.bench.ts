/**
 * `bash .ci/run` on a fresh clone of HEAD, timed end to end and by phase (install, dist check,
 * lint and typecheck, vitest), as CI runs it (target ≤ 3 min). It installs from the lockfile and runs
 * the whole suite, so it takes minutes and runs only when named: `npm run bench -- ci`.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const ROOT = join(import.meta.dirname, "..");

/** bench/run.ts runs this file only when it is named on the command line. */
export const onlyWhenNamed = "a fresh clone, npm ci and the whole suite: `npm run bench -- ci`";

/** Runs .ci/run's steps one by one with the same commands, timing each. */
const PHASES: [string, string][] = [
  ["npm ci", "npm ci --no-audit --no-fund"],
  ["dist/ check", "npm run check:dist"],
  ["lint + typecheck (at once)", "npm run static"],
  ["vitest", "npx vitest run"],
];

function phase(command: string, cwd: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", command], { cwd, env: { ...process.env, CI: "true" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.on("exit", (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${command} exited ${code}: ${stderr}`))));
  });
}

export async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "warden-bench-ci-"));
  try {
    const clone = spawnSync("git", ["clone", "--quiet", "--no-hardlinks", ROOT, join(dir, "repo")], { encoding: "utf8" });
    if (clone.status !== 0) throw new Error(clone.stderr);
    const rows: [string, number][] = [];
    for (const [name, command] of PHASES) rows.push([name, await phase(command, join(dir, "repo"))]);
    const total = rows.reduce((sum, [, s]) => sum + s, 0);
    console.log(`bash .ci/run phases on a fresh clone of HEAD (target ≤ 180 s in all): ${rows.map(([n, s]) => `${n} ${s.toFixed(0)} s`).join(", ")}; total ${total.toFixed(0)} s`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
