import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import type { PlanDocument } from "../../src/worker/plan/document.ts";
import { captureIO, copyShippedCatalog, REPO_ROOT } from "../catalog/helpers.ts";

/** A copy of the sample inbox, so a test can prove the dry-run wrote nothing to it. */
async function sampleInboxCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "warden-inbox-"));
  await cp(join(REPO_ROOT, "samples", "inbox"), dir, { recursive: true });
  return dir;
}

async function treeDigest(dir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const entry of (await readdir(dir, { recursive: true, withFileTypes: true })).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    const path = join(entry.parentPath, entry.name);
    hash.update(path);
    if (entry.isFile()) hash.update(await readFile(path));
  }
  return hash.digest("hex");
}

/** The local audit trail goes to a temp state directory, not into the repository. */
const stateDir = await mkdtemp(join(tmpdir(), "warden-state-"));

async function run(args: string[], cwd = REPO_ROOT, env: NodeJS.ProcessEnv = {}) {
  const io = { ...captureIO(cwd), env: { WARDEN_STATE_DIR: stateDir, ...env } };
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("warden worker run (dry-run)", () => {
  it("plans every sample message exactly once and writes nothing", async () => {
    const inbox = await sampleInboxCopy();
    const before = await treeDigest(inbox);
    const catalogBefore = await treeDigest(join(REPO_ROOT, "catalog"));
    const { code, stdout } = await run(["worker", "run", "--once", "--json", "--hub", `file:${inbox}`]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as PlanDocument;
    expect(doc.version).toBe(1);
    const ids = [...doc.messages.map((m) => m.message_id), ...doc.quarantined.map((q) => q.message_id)];
    expect(new Set(ids).size).toBe(ids.length);
    const stored = JSON.parse(await readFile(join(inbox, "messages.json"), "utf8")) as { messages?: unknown[] } | unknown[];
    const storedCount = Array.isArray(stored) ? stored.length : (stored.messages?.length ?? 0);
    expect(ids.length).toBe(storedCount);
    expect(doc.summary.answered).toBeGreaterThan(0);
    expect(doc.summary.pull_requests).toBeGreaterThan(0);
    expect(doc.summary.escalations).toBeGreaterThan(0);
    expect(await treeDigest(inbox)).toBe(before);
    expect(await treeDigest(join(REPO_ROOT, "catalog"))).toBe(catalogBefore);
  });

  it("prints the full plan with --verbose", async () => {
    const { code, stdout } = await run(["worker", "run", "--once", "--verbose"]);
    expect(code).toBe(0);
    expect(stdout).toContain("dry-run plan (nothing was sent; recorded in the local audit trail only)");
    expect(stdout).toMatch(/answer_route ssh-build-hosts → reply to build-runner/);
    expect(stdout).toContain("+++ b/");
    expect(stdout).toMatch(/escalate\(secret\) → issue/);
  });

  it("refuses --execute with exit 2 in dry-run mode, naming the config file and key", async () => {
    const { code, stderr } = await run(["worker", "run", "--once", "--execute"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--execute is refused: the rollout mode is dry-run in \.github\/ops-warden\.yml \(key `mode`\)/);
  });

  it.each([
    [["--brain", "oracle"], 'unknown brain "oracle"'],
    [["--brain", "llm"], 'brain "llm" needs a model endpoint'],
    [["--interval", "0"], "--interval"],
  ])("refuses %j with exit 2", async (extra, why) => {
    const { code, stderr } = await run(["worker", "run", "--once", ...extra]);
    expect(code).toBe(2);
    expect(stderr).toContain(why);
  });

  it("stops on an invalid config before anything runs, naming file, path and reason", async () => {
    const { root, cleanup } = await copyShippedCatalog();
    await mkdir(join(root, ".github"));
    await writeFile(join(root, ".github", "ops-warden.yml"), "brain: rule\nlimits:\n  messages_per_tick: lots\n");
    const { code, stderr, stdout } = await run(["worker", "run", "--once", "--root", root]);
    await cleanup();
    expect(code).toBe(2);
    expect(stderr).toMatch(/\.github\/ops-warden\.yml:3: limits\.messages_per_tick: /);
    expect(stdout).toBe("");
  });

  it("refuses to plan against a catalog that does not validate (exit 1)", async () => {
    const { root, cleanup } = await copyShippedCatalog();
    const ssh = join(root, "catalog", "ssh.yaml");
    await writeFile(ssh, (await readFile(ssh, "utf8")).replace("owner: ops-warden", "owner: secret-engine"));
    const { code, stderr } = await run(["worker", "run", "--once", "--root", root]);
    await cleanup();
    expect(code).toBe(1);
    expect(stderr).toContain("catalog/ssh.yaml:");
    expect(stderr).toContain("secret-engine");
  });
});
