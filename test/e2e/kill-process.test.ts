import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "../../src/domain/message.ts";
import { readMarker } from "../../src/worker/render/marker.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";
import { serveFakeGitHub } from "../support/fake-github-server.ts";
import { bareOrigin } from "../support/git-origin.ts";

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** Runs one `worker run --once --execute` process; kills it with SIGKILL after `killAfterMs` if given. */
function tick(env: NodeJS.ProcessEnv, checkout: string, hubDir: string, killAfterMs?: number): Promise<{ code: number | null; killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const args = [join(REPO_ROOT, "bin", "warden.js"), "worker", "run", "--once", "--execute", "--root", checkout, "--repo-dir", checkout, "--hub", `file:${hubDir}`];
    const child = spawn(process.execPath, args, { cwd: checkout, env });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, killed: signal === "SIGKILL", stderr });
    });
  });
}

describe("a real worker process killed at random moments", { timeout: 120_000 }, () => {
  it("finishes on the next runs with exactly one PR, issue and reply per message", async () => {
    const repo = await bareOrigin();
    cleanups.push(repo.cleanup);
    await mkdir(join(repo.checkout, ".github"), { recursive: true });
    await writeFile(join(repo.checkout, ".github", "ops-warden.yml"), "mode: manual\n");
    const hubDir = await mkdtemp(join(tmpdir(), "warden-kill-hub-"));
    cleanups.push(() => rm(hubDir, { recursive: true, force: true }));
    await cp(join(REPO_ROOT, "samples", "inbox", "messages.json"), join(hubDir, "messages.json"));
    const gh = await serveFakeGitHub();
    cleanups.push(gh.close);
    const env = { PATH: process.env.PATH, HOME: repo.root, GITHUB_REPOSITORY: "acme/estate", GITHUB_API_URL: gh.url, GITHUB_TOKEN: "ghs_killTestToken0123456789", WARDEN_GITHUB_THROTTLE: "off", WARDEN_EVENTS_LOG: join(repo.root, "events.jsonl") };

    // Kill points spread over a tick's life: while planning, among the git pushes, among the writes.
    const delays = [1, 2, 3].map(() => 1200 + Math.floor(Math.random() * 4000));
    const runs = [];
    for (const delay of delays) runs.push({ delay, ...(await tick(env, repo.checkout, hubDir, delay)) });
    const last = await tick(env, repo.checkout, hubDir);
    const context = JSON.stringify({ runs: runs.map((r) => ({ delay: r.delay, killed: r.killed, code: r.code })), last: last.stderr.slice(-400) });
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
    const issueKeys = [...gh.api.issues().map((i) => i.body ?? ""), ...gh.api.items.flatMap((i) => i.comments.map((c) => c.body))].map((b) => readMarker(b)?.key);
    // 5 escalations of planned messages and the sample inbox's 2 quarantined records.
    expect(issueKeys, context).toHaveLength(7);
    expect(new Set(issueKeys).size).toBe(7);
  });
});
