/**
 * The built CLI as the workflows run it: this run's build of src/ (test/setup/bundle.ts) in a copy
 * of the repository's tracked files without node_modules, started with plain `node` (no tsx). The
 * plan it prints must be the one the sources print, with planning threads on and logs written.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BuiltDist } from "../../scripts/build.ts";
import { buildDist, ENTRIES } from "../../scripts/build.ts";
import type { CliIO } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli/program.ts";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");

let work: string;
let clone: string;
let built: BuiltDist;

/** The repository's tracked files (what a checkout holds), without dist/ and node_modules. */
async function copyCheckout(to: string): Promise<void> {
  const { stdout } = await run("git", ["ls-files", "-z"], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const files = stdout.split("\0").filter((f) => f && !f.startsWith("dist/"));
  for (const file of files) {
    await mkdir(dirname(join(to, file)), { recursive: true });
    await cp(join(ROOT, file), join(to, file)).catch((error: NodeJS.ErrnoException) => {
      // A file deleted in the working tree but still tracked is simply not part of this checkout.
      if (error.code !== "ENOENT") throw error;
    });
  }
}

/**
 * Every message on a planning thread: exercises dist/plan-thread.mjs. The deadline is the longest
 * allowed, so a loaded machine cannot turn a slow plan into an escalation in one run only.
 */
async function planOnThreads(root: string): Promise<void> {
  const path = join(root, ".github", "ops-warden.yml");
  const text = await readFile(path, "utf8");
  expect(text).toMatch(/^worker:\n/m);
  await writeFile(path, text.replace(/^worker:\n/m, "worker:\n  plan_threads: 2\n  thread_min_bytes: 0\n  message_deadline_ms: 60000\n"));
  // The sources plan in the main thread (test/runtime/plan-pool.test.ts shows threads plan alike).
  await writeFile(join(root, "main-thread.yml"), text.replace(/^worker:\n/m, "worker:\n  plan_threads: 0\n"));
}

const bundled = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, [join(clone, "bin", "warden.js"), ...args], { cwd: clone, env: { PATH: process.env.PATH ?? "", ...env }, maxBuffer: 16 * 1024 * 1024 });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "warden-bundle-"));
  clone = join(work, "clone");
  await copyCheckout(clone);
  await planOnThreads(clone);
  await cp(inject("wardenDist"), join(clone, "dist"), { recursive: true });
  built = await buildDist({ outdir: join(work, "again") });
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("the built CLI (dist/)", () => {
  it("builds byte-identical output from the same sources", async () => {
    const again = join(work, "again");
    const { files } = built;
    expect(files).toEqual((await readdir(join(clone, "dist"))).sort());
    for (const entry of Object.keys(ENTRIES)) expect(files).toContain(`${entry}.mjs`);
    for (const file of files) expect((await readFile(join(again, file))).equals(await readFile(join(clone, "dist", file))), file).toBe(true);
  });

  it("needs neither node_modules nor tsx: --version and a route from a checkout without them", async () => {
    await expect(readdir(join(clone, "node_modules"))).rejects.toMatchObject({ code: "ENOENT" });
    expect((await bundled(["--version"])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const route = await bundled(["route", "--json", "I need SSH access to the build hosts"]);
    expect(JSON.parse(route.stdout)).toMatchObject({ matches: expect.arrayContaining([expect.objectContaining({ id: "ssh-build-hosts" })]) });
  });

  it("loads nothing for --version and --help, and the catalog and index for route", () => {
    const { outputs } = built.metafile;
    /** Every source in an output and in what it imports statically: what loads with it. */
    const loaded = (output: string): string[] => {
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const i of outputs[file]?.imports ?? []) if (i.kind === "import-statement" && outputs[i.path]) visit(i.path);
      };
      visit(output);
      return [...seen].flatMap((file) => Object.keys(outputs[file]?.inputs ?? {}));
    };
    const outputOf = (entry: string) => Object.keys(outputs).find((file) => outputs[file]?.entryPoint === entry) ?? "";
    const start = loaded(outputOf("src/cli/main.ts"));
    expect(start.filter((f) => f.includes("node_modules")).every((f) => f.includes("node_modules/commander/")), start.join("\n")).toBe(true);
    expect(start.filter((f) => f.startsWith("src/cli/commands/"))).toEqual(["src/cli/commands/index.ts"]);
    const route = loaded(outputOf("src/cli/commands/route.ts"));
    expect(route).toEqual(expect.arrayContaining(["src/cli/commands/route.ts", "src/catalog/route-index.ts"]));
    for (const heavy of ["@secretlint/secretlint-rule-preset-recommend", "@octokit/", "probot", "simple-git", "pino", "src/runtime/", "src/worker/", "src/brain/"]) {
      expect(route.filter((f) => f.includes(heavy)), heavy).toEqual([]);
    }
    const worker = loaded(outputOf("src/cli/commands/worker.ts"));
    for (const heavy of ["@secretlint/secretlint-rule-preset-recommend", "@octokit/", "probot", "simple-git"]) expect(worker.filter((f) => f.includes(heavy)), heavy).toEqual([]);
  });

  it("prints the same help as the sources without loading a command module", async () => {
    for (const argv of [["--help"], ["route", "--help"], ["help", "worker"]]) {
      const out: string[] = [];
      const io: CliIO = { out: (t) => out.push(t), err: (t) => out.push(t), env: {}, cwd: clone };
      expect(await runCli(argv, io)).toBe(0);
      expect((await bundled(argv)).stdout.trimEnd(), argv.join(" ")).toBe(out.join("").trimEnd());
    }
    const unknown = await bundled(["rout", "x"]).catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("(did you mean route?)") });
  });

  it("plans the sample inbox on planning threads exactly as the sources do, and logs", async () => {
    const built = await bundled(["worker", "run", "--once", "--json"], { WARDEN_LOG_LEVEL: "debug" });
    const fromSource = await sourcePlan(clone);
    const shape = (doc: string) => {
      // When and which path the hub was named by differ between the two runs; the plan may not.
      const { generated_at: _at, hub: _hub, ...rest } = JSON.parse(doc) as { generated_at: string; hub: string };
      return rest;
    };
    expect(shape(built.stdout)).toEqual(shape(fromSource));
    expect((JSON.parse(built.stdout) as { messages: unknown[] }).messages.length).toBeGreaterThan(0);
    // pino writes JSON lines when stderr is not a terminal.
    const logged = built.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { msg: string });
    expect(logged.map((l) => l.msg)).toContain("tick planned");
  });

  it("prettifies its logs on a terminal (pino-pretty is bundled)", async () => {
    // `script` gives the CLI a terminal for stderr, which switches the logger to pino-pretty. An
    // empty inbox: a tick that logs and plans nothing.
    await mkdir(join(clone, "empty-inbox"), { recursive: true });
    const { stdout } = await run("script", ["-qec", `${process.execPath} bin/warden.js worker run --once --hub file:empty-inbox`, "/dev/null"], {
      cwd: clone,
      env: { PATH: process.env.PATH ?? "", WARDEN_LOG_LEVEL: "debug", NO_COLOR: "1" },
    });
    expect(stdout).toMatch(/\[\d\d:\d\d:\d\d\] DEBUG: tick planned/);
  });

  it("runs the workflows' entries: the tick decision and the relay", async () => {
    const output = join(work, "github-output");
    const decide = await run(process.execPath, [join(clone, "dist", "tick-decide.mjs")], { cwd: clone, env: { PATH: process.env.PATH ?? "", GITHUB_OUTPUT: output, EVENT_NAME: "schedule" } });
    expect(decide.stdout).toContain("dry-run");
    expect(await readFile(output, "utf8")).toBe("execute=false\n");
    // Without its event the relay refuses (exit 2): the entry ran, from the bundle.
    const relay = await run(process.execPath, [join(clone, "dist", "relay.mjs")], { cwd: clone, env: { PATH: process.env.PATH ?? "" } }).catch((e: { code: number; stderr: string }) => e);
    expect(relay).toMatchObject({ code: 2, stderr: expect.stringContaining("GITHUB_EVENT_NAME and GITHUB_EVENT_PATH must be set") });
  });
});

/** The same command from the sources, in process, on the same checkout. */
async function sourcePlan(root: string): Promise<string> {
  const out: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: () => undefined, env: { PATH: process.env.PATH ?? "" }, cwd: root };
  expect(await runCli(["worker", "run", "--once", "--json", "--root", root, "--config", join(root, "main-thread.yml"), "--hub", `file:${join(root, "samples", "inbox")}`], io)).toBe(0);
  return out.join("\n");
}
