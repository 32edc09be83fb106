/**
 * Cold start of the built CLI against a bare `node -e 0` measured in the same run, rounds
 * interleaved so machine load hits every command alike: `warden --version`, `--help` and
 * `route "…"` (targets: ≤ 4× and ≤ 8× node), plus the same from the sources through tsx, which is
 * how the bin ran before dist/. Then what a scheduled tick in GitHub Actions does after checkout:
 * the workflows' install steps, and a dry-run tick from a copy of the checkout without
 * node_modules. Uses the committed dist/ (`npm run build` first when src/ changed).
 */
import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { parse } from "yaml";

const ROOT = join(import.meta.dirname, "..");
const ROUNDS = Number(process.env.WARDEN_BENCH_ROUNDS ?? 15);
const QUESTION = "I need SSH access to the build hosts for the nightly runner";
const BIN = join(ROOT, "bin", "warden.js");
const SOURCE = ["--import", "tsx", join(ROOT, "src", "cli", "main.ts")];

const COMMANDS: [string, string[]][] = [
  ["node -e 0", ["-e", "0"]],
  ["warden --version", [BIN, "--version"]],
  ["warden --help", [BIN, "--help"]],
  [`warden route "…"`, [BIN, "route", QUESTION]],
  ["from source (tsx): --version", [...SOURCE, "--version"]],
  [`from source (tsx): route "…"`, [...SOURCE, "route", QUESTION]],
];

/** Wall time of one process start to exit, in seconds; fails loudly if the command fails. */
function time(args: string[], cwd = ROOT): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, WARDEN_HUB_URL: "" } });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr.slice(-300)}`);
  return seconds;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function coldStarts(): Promise<void> {
  const samples = new Map<string, number[]>(COMMANDS.map(([name]) => [name, []]));
  for (const [, args] of COMMANDS) time(args); // warm the file cache once
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of COMMANDS) samples.get(name)?.push(time(args));
  }
  const base = median(samples.get("node -e 0") ?? []);
  console.log(`cold start, median of ${ROUNDS} interleaved rounds (targets: --version ≤ 4×, route ≤ 8× node -e 0)`);
  console.log("command                               median s   × node -e 0");
  for (const [name] of COMMANDS) {
    const m = median(samples.get(name) ?? []);
    console.log(`${name.padEnd(36)} ${m.toFixed(3).padStart(9)}   ${(m / base).toFixed(1).padStart(10)}×`);
  }
}

/** The tick job after checkout: install steps in the workflows, and a dry-run tick with no node_modules. */
async function scheduledTick(): Promise<void> {
  const installs: string[] = [];
  for (const file of ["tick.yml", "relay.yml"]) {
    const workflow = parse(await readFile(join(ROOT, ".github", "workflows", file), "utf8")) as { jobs: Record<string, { steps: { run?: string; with?: { cache?: string } }[] }> };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const count = steps.filter((s) => /\bnpm (ci|install)\b/.test(s.run ?? "") || s.with?.cache).length;
    installs.push(`${file}: ${count}`);
  }
  const checkout = await mkdtemp(join(tmpdir(), "warden-bench-checkout-"));
  try {
    const listed = spawnSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).stdout.split("\0").filter(Boolean);
    for (const file of listed) {
      await mkdir(dirname(join(checkout, file)), { recursive: true });
      await cp(join(ROOT, file), join(checkout, file)).catch(() => undefined);
    }
    const args = [join(checkout, "dist", "warden.mjs"), "worker", "run", "--once", "--dry-run"];
    time(args, checkout);
    const ticks = Array.from({ length: 5 }, () => time(args, checkout));
    console.log(`\nscheduled tick: install steps (npm ci / setup-node cache) — ${installs.join(", ")}`);
    console.log(`dry-run tick over the sample inbox, node dist/warden.mjs from a checkout without node_modules: ${median(ticks).toFixed(2)} s (median of 5)`);
  } finally {
    await rm(checkout, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  await coldStarts();
  await scheduledTick();
}
