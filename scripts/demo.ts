// `npm run demo`: the worker acting in manual mode, end to end, in one terminal, against local
// fakes — a bare git repository as origin, the sample inbox in a file hub, and the fake GitHub
// REST API the tests use. It runs the worker twice with --execute and prints what happened.
// Everything lives in a temporary directory, printed at the end; nothing in this checkout changes.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { CliIO } from "../src/cli/io.ts";
import { processIO } from "../src/cli/io.ts";
import { runCli } from "../src/cli/program.ts";
import { DASHBOARD_TITLE } from "../src/worker/dashboard/render.ts";
import { serveFakeGitHub } from "../test/support/fake-github-server.ts";

const git = promisify(execFile);
const REPO_ROOT = join(import.meta.dirname, "..");

export interface DemoResult {
  dir: string;
  codes: number[];
  pullRequests: string[];
  issues: string[];
  /** The dashboard issue an executing tick keeps up to date, apart from the escalations. */
  dashboard: string[];
  branches: string[];
  replies: number;
  unread: string[];
}

/**
 * Runs the demo in `dir` (a fresh temporary directory by default), writing progress to `say`
 * and the worker's output to `output` (the terminal by default).
 */
export async function runDemo(say: (line: string) => void, dir?: string, output: Pick<CliIO, "out" | "err" | "tty"> = processIO()): Promise<DemoResult> {
  const base = dir ?? (await mkdtemp(join(tmpdir(), "warden-demo-")));
  const origin = join(base, "origin.git");
  const checkout = join(base, "checkout");
  const hub = join(base, "hub");
  say(`demo directory: ${base}`);
  await git("git", ["clone", "--quiet", "--bare", "--depth", "1", `file://${REPO_ROOT}`, origin]);
  await git("git", ["clone", "--quiet", origin, checkout]);
  await mkdir(hub, { recursive: true });
  await cp(join(REPO_ROOT, "samples", "inbox", "messages.json"), join(hub, "messages.json"));
  await mkdir(join(checkout, ".github"), { recursive: true });
  await writeFile(join(checkout, ".github", "ops-warden.yml"), "mode: manual\n");
  const github = await serveFakeGitHub(0);
  say(`fake GitHub API for acme/estate on ${github.url}`);
  const env = {
    ...process.env,
    GITHUB_REPOSITORY: "acme/estate",
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: "demo",
    WARDEN_GITHUB_THROTTLE: "off",
    WARDEN_HUB_URL: "",
    WARDEN_STATE_DIR: join(base, "state"),
  };
  const io: CliIO = { ...output, env, cwd: checkout };
  const args = ["worker", "run", "--once", "--execute", "--root", checkout, "--repo-dir", checkout, "--hub", `file:${hub}`];
  const codes: number[] = [];
  try {
    for (const run of ["first", "second"]) {
      say(`\n$ warden ${args.join(" ")}   # ${run} run`);
      codes.push(await runCli(args, io));
    }
  } finally {
    await github.close();
  }
  const { stdout } = await git("git", ["--git-dir", origin, "for-each-ref", "--format=%(refname:short)", "refs/heads/warden/"]);
  const stored = JSON.parse(await readFile(join(hub, "messages.json"), "utf8")) as { messages: { id?: unknown; from_agent?: unknown; to_agent?: unknown; status?: unknown }[] };
  return {
    dir: base,
    codes,
    pullRequests: github.api.items.filter((i) => i.pr).map((i) => `#${i.number} [${i.state}] ${i.title}`),
    issues: github.api.items.filter((i) => !i.pr && i.title !== DASHBOARD_TITLE).map((i) => `#${i.number} [${i.state}] ${i.title}`),
    dashboard: github.api.items.filter((i) => !i.pr && i.title === DASHBOARD_TITLE).map((i) => `#${i.number} [${i.state}] ${i.title}`),
    branches: stdout.split("\n").filter((line) => line !== ""),
    replies: stored.messages.filter((m) => m.from_agent === "ops-warden").length,
    // Records too broken to name a recipient are listed for every reader (and quarantined).
    unread: stored.messages.filter((m) => (m.to_agent === "ops-warden" || typeof m.to_agent !== "string") && m.status !== "read").map((m) => String(m.id)),
  };
}

export function renderDemoSummary(result: DemoResult): string {
  return [
    "",
    "demo summary",
    `  exit codes: ${result.codes.join(", ")}`,
    `  pull requests (${result.pullRequests.length}):`,
    ...result.pullRequests.map((line) => `    ${line}`),
    `  escalation issues (${result.issues.length}):`,
    ...result.issues.map((line) => `    ${line}`),
    `  dashboard issue: ${result.dashboard.join(", ") || "none"}`,
    `  warden/ branches pushed to origin: ${result.branches.length}`,
    `  replies sent on the hub: ${result.replies}`,
    `  left unread in ops-warden's inbox: ${result.unread.length === 0 ? "none" : result.unread.join(", ")}`,
    `  everything is in ${result.dir} (remove it with rm -rf when done)`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runDemo((line) => process.stdout.write(`${line}\n`), process.argv[2]);
  process.stdout.write(`${renderDemoSummary(result)}\n`);
  process.exitCode = result.codes.every((c) => c === 0) ? 0 : 1;
}
