import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "../../src/domain/message.ts";
import { readMarker } from "../../src/worker/render/marker.ts";
import { DASHBOARD_MARKER } from "../../src/worker/dashboard/render.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";
import { builtEntry } from "../support/built-cli.ts";
import { serveFakeGitHub } from "../support/fake-github-server.ts";
import { bareOrigin } from "../support/git-origin.ts";

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** Runs one `worker run --once --execute` process of the built CLI; `started` gets the child. */
function tick(env: NodeJS.ProcessEnv, checkout: string, hubDir: string, started: (child: ChildProcess) => void = () => undefined): Promise<{ code: number | null; killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const args = [builtEntry("warden"), "worker", "run", "--once", "--execute", "--root", checkout, "--repo-dir", checkout, "--hub", `file:${hubDir}`];
    const child = spawn(process.execPath, args, { cwd: checkout, env });
    started(child);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code, signal) => resolve({ code, killed: signal === "SIGKILL", stderr }));
  });
}

describe("a real worker process killed in the middle of its writes", { timeout: 120_000 }, () => {
  // The in-process crash points (after push, after PR create, …) are in test/worker/execute/crash.test.ts;
  // this is the same guarantee for a real process that gets no chance to clean up.
  it("finishes on the next run with exactly one PR, issue and reply per message", async () => {
    const repo = await bareOrigin();
    cleanups.push(repo.cleanup);
    await mkdir(join(repo.checkout, ".github"), { recursive: true });
    await writeFile(join(repo.checkout, ".github", "ops-warden.yml"), "mode: manual\n");
    const hubDir = await mkdtemp(join(tmpdir(), "warden-kill-hub-"));
    cleanups.push(() => rm(hubDir, { recursive: true, force: true }));
    await cp(join(REPO_ROOT, "samples", "inbox", "messages.json"), join(hubDir, "messages.json"));
    // The kill point: GitHub has just created the first pull request and the process has not
    // heard back (its branch is pushed, the PR exists, its number is unknown to the worker).
    let victim: ChildProcess | undefined;
    const gh = await serveFakeGitHub(0, undefined, (method, path) => {
      if (victim && method === "POST" && path.endsWith("/pulls")) {
        victim.kill("SIGKILL");
        victim = undefined;
      }
    });
    cleanups.push(gh.close);
    const env = { PATH: process.env.PATH, HOME: repo.root, GITHUB_REPOSITORY: "acme/estate", GITHUB_API_URL: gh.url, GITHUB_TOKEN: "ghs_killTestToken0123456789", WARDEN_GITHUB_THROTTLE: "off" };

    const killed = await tick(env, repo.checkout, hubDir, (child) => (victim = child));
    expect(killed.killed, killed.stderr.slice(-400)).toBe(true);
    expect(gh.api.pulls()).toHaveLength(1);
    const last = await tick(env, repo.checkout, hubDir);
    const context = JSON.stringify({ killed: killed.stderr.slice(-400), last: last.stderr.slice(-400) });
    expect(last.code, context).toBe(0);

    const stored = (JSON.parse(await readFile(join(hubDir, "messages.json"), "utf8")) as { messages: Message[] }).messages;
    const inbox = stored.filter((m) => m.to_agent === "ops-warden" && m.from_agent !== undefined && typeof m.body === "string");
    expect(inbox.filter((m) => m.status === "unread").map((m) => m.id), context).toEqual([]);
    const replies = new Map<string, number>();
    for (const m of stored) if (m.from_agent === "ops-warden" && m.in_reply_to) replies.set(m.in_reply_to, (replies.get(m.in_reply_to) ?? 0) + 1);
    expect(replies.size, context).toBe(10);
    expect([...replies.values()].every((n) => n === 1), context).toBe(true);
    const prKeys = gh.api.pulls().map((p) => readMarker(p.body ?? "")?.key);
    expect(prKeys, context).toHaveLength(2);
    expect(new Set(prKeys).size).toBe(2);
    const issueKeys = [...gh.api.issues().map((i) => i.body ?? "").filter((b) => !b.includes(DASHBOARD_MARKER)), ...gh.api.items.flatMap((i) => i.comments.map((c) => c.body))].map((b) => readMarker(b)?.key);
    // 5 escalations of planned messages and the sample inbox's 2 quarantined records.
    expect(issueKeys, context).toHaveLength(7);
    expect(new Set(issueKeys).size).toBe(7);
  });
});
