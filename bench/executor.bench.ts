/**
 * Executor figures against local fakes (a bare git origin, the reference hub server, the fake
 * GitHub REST API over HTTP): REST calls per new PR, per updated PR, per unchanged re-run and per
 * escalation, counted from the recorded requests; the same for a Contents-API-per-file approach;
 * and the wall time of a 100-message tick split between git, REST and hub. Prints; asserts nothing.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitCheckout } from "../src/adapters/git/checkout.ts";
import { createHttpHubClient, FileHubStore, startHubServer } from "../src/adapters/hub/index.ts";
import type { Message } from "../src/domain/message.ts";
import { buildExecutor, buildWorker } from "../src/runtime/index.ts";
import { auditLocation, buildAuditTrail } from "../src/runtime/audit.ts";
import { readMarker, withMarker } from "../src/worker/render/marker.ts";
import { REPO_ROOT } from "../test/catalog/helpers.ts";
import { serveFakeGitHub } from "../test/support/fake-github-server.ts";
import { bareOrigin } from "../test/support/git-origin.ts";
import { timedPorts } from "./support/timed-ports.ts";

const sample = JSON.parse(await readFile(join(REPO_ROOT, "samples", "inbox", "messages.json"), "utf8")) as { messages: Message[] };
const byId = (id: string) => sample.messages.find((m) => m.id === id)!;
const copy = (id: string, n: number): Message => ({ ...byId(id), id: `${id}-c${n}`, thread_id: `${byId(id).thread_id}-c${n}` });

async function world(messages: Message[]) {
  const repo = await bareOrigin();
  const hubDir = await mkdtemp(join(tmpdir(), "warden-bench-hub-"));
  await writeFile(join(hubDir, "messages.json"), JSON.stringify({ messages }));
  await writeFile(join(repo.checkout, ".github-config.yml"), "mode: manual\n");
  const hubServer = await startHubServer({ store: new FileHubStore({ dir: hubDir }), port: 0, host: "127.0.0.1" });
  const gh = await serveFakeGitHub();
  const env = { PATH: process.env.PATH, GITHUB_REPOSITORY: "acme/estate", GITHUB_API_URL: gh.url, GITHUB_TOKEN: "bench-token", WARDEN_HUB_URL: hubServer.url, WARDEN_STATE_DIR: join(repo.root, "state") };
  const worker = await buildWorker({ root: repo.checkout, configFile: join(repo.checkout, ".github-config.yml"), env, cwd: repo.checkout });
  const timing = timedPorts();
  const hub = timing.hub(createHttpHubClient({ baseUrl: hubServer.url }));
  const tick = async () => {
    const executor = await buildExecutor({ config: worker.config, configSource: worker.configSource, hub, scanner: worker.planner.scanner, env, cwd: repo.checkout, octokit: { retry: false, throttle: false }, wrap: timing });
    const started = performance.now();
    const doc = await worker.tick(() => false);
    const planned = performance.now();
    // The executor's events through the real trail (secret gate, chain, fsync): part of a tick's cost.
    const audit = buildAuditTrail(auditLocation(repo.checkout, env, worker.config), env);
    const result = await executor.run(doc, `bench-${started}`, audit);
    await audit.flush();
    return { doc, result, planMs: planned - started, totalMs: performance.now() - started };
  };
  const reopen = async () => {
    const file = join(hubDir, "messages.json");
    const state = JSON.parse(await readFile(file, "utf8")) as { messages: Message[] };
    for (const m of state.messages) if (m.to_agent === "ops-warden") m.status = "unread";
    await writeFile(file, JSON.stringify(state));
  };
  const close = async () => {
    await hubServer.close();
    await gh.close();
    await repo.cleanup();
    await rm(hubDir, { recursive: true, force: true });
  };
  return { gh: gh.api, repo, tick, reopen, timing, close };
}

function calls(api: { requests: { method: string }[] }, from: number) {
  const slice = api.requests.slice(from);
  return { total: slice.length, writes: slice.filter((r) => r.method !== "GET").length };
}

async function restPerPr(): Promise<void> {
  const w = await world([1, 2, 3, 4, 5].map((n) => copy("msg-0008", n)));
  try {
    let mark = 0;
    await w.tick();
    const created = calls(w.gh, mark);
    console.log(`new PR: ${created.total} REST calls for 5 PRs (${created.writes} writes) = ${(created.total / 5).toFixed(1)} per PR amortised (listing: 2 per tick)`);
    mark = w.gh.requests.length;
    await w.reopen();
    await w.tick();
    const unchanged = calls(w.gh, mark);
    console.log(`unchanged re-run: ${unchanged.total} REST calls, ${unchanged.writes} writes (5 open PRs found by marker)`);
    for (const pr of w.gh.pulls()) pr.body = withMarker(pr.body ?? "", { ...readMarker(pr.body ?? "")!, hash: "0".repeat(16) });
    mark = w.gh.requests.length;
    await w.reopen();
    await w.tick();
    const updated = calls(w.gh, mark);
    console.log(`updated PR: ${updated.total} REST calls for 5 updated PRs (${updated.writes} writes) = ${(updated.total / 5).toFixed(1)} per PR amortised`);
  } finally {
    await w.close();
  }
}

async function restPerEscalation(): Promise<void> {
  const w = await world([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => copy("msg-0010", n)));
  try {
    await w.tick();
    const c = calls(w.gh, 0);
    console.log(`escalation: ${c.total} REST calls for 10 issues (${c.writes} writes) = ${(c.total / 10).toFixed(1)} per escalation amortised; single: ${2 + 1}`);
  } finally {
    await w.close();
  }
}

/** The same proposal made file by file through the Contents API, and through git, counted. */
async function contentsApiComparison(): Promise<void> {
  const w = await world([]);
  try {
    for (const files of [1, 5]) {
      const mark = w.gh.requests.length;
      const api = w.gh.base;
      const post = (path: string, method: string, body?: unknown) => fetch(`${api}/repos/acme/estate${path}`, { method, headers: { "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
      await post("/git/ref/heads/main", "GET");
      await post("/git/refs", "POST", { ref: `refs/heads/warden/contents-${files}`, sha: "1".repeat(40) });
      for (let f = 0; f < files; f += 1) {
        await post(`/contents/catalog/f${f}.yaml`, "GET");
        await post(`/contents/catalog/f${f}.yaml`, "PUT", { message: "m", content: "cm91dGVzOiBbXQo=", sha: "2".repeat(40), branch: `warden/contents-${files}` });
      }
      const pr = (await (await post("/pulls", "POST", { head: `warden/contents-${files}`, base: "main", title: "t", body: "b" })).json()) as { number: number };
      await post(`/issues/${pr.number}/labels`, "POST", { labels: ["ops-warden"] });
      const contents = calls(w.gh, mark);

      const ours = w.gh.requests.length;
      const git = new GitCheckout({ repoDir: w.repo.checkout });
      await git.fetch();
      await git.branchFrom(`warden/git-${files}`, "main");
      await git.writeFiles(Array.from({ length: files }, (_, f) => ({ path: `catalog/g${f}.yaml`, content: "routes: []\n" })));
      await git.commit("m", { name: "ops-warden[bot]", email: "bot@example.com" });
      await git.push(`warden/git-${files}`);
      await git.dispose();
      const created = (await (await post("/pulls", "POST", { head: `warden/git-${files}`, base: "main", title: "t", body: "b" })).json()) as { number: number };
      await post(`/issues/${created.number}/labels`, "POST", { labels: ["ops-warden"] });
      const viaGit = calls(w.gh, ours);
      console.log(`${files} file(s): Contents API ${contents.total} REST calls (${contents.writes} writes, ${files} commits) vs git push + PR ${viaGit.total} REST calls (${viaGit.writes} writes, 1 commit), plus the tick's 2-call listing either way`);
    }
  } finally {
    await w.close();
  }
}

async function hundredMessageTick(): Promise<void> {
  const messages = [
    ...[1, 2, 3, 4, 5].map((n) => copy("msg-0008", n)),
    ...Array.from({ length: 10 }, (_, n) => copy("msg-0010", n)),
    ...Array.from({ length: 85 }, (_, n) => copy(["msg-0001", "msg-0002", "msg-0003", "msg-0004", "msg-0005"][n % 5]!, n)),
  ];
  const w = await world(messages);
  try {
    const { result, planMs, totalMs, doc } = await w.tick();
    const t = w.timing.totals;
    console.log(`100-message tick (5 PRs, 10 issues, 85 replies): ${totalMs.toFixed(0)} ms wall; plan ${planMs.toFixed(0)} ms, execute ${(totalMs - planMs).toFixed(0)} ms`);
    // Hub-only messages run in lanes beside the git lane, so these times overlap: each is the sum of
    // that port's call durations, not a share of the wall time.
    console.log(`  time in calls (overlapping): git ${t.git.toFixed(0)} ms, REST ${t.rest.toFixed(0)} ms, hub ${t.hub.toFixed(0)} ms summed over replies and mark-reads (up to 4 in flight), events ${t.events.toFixed(0)} ms (sent one by one when the tick's audit is flushed)`);
    console.log(`  outcomes: ${JSON.stringify(result.summary)}; messages planned ${doc.messages.length}; REST calls ${w.gh.requests.length} (${calls(w.gh, 0).writes} writes)`);
  } finally {
    await w.close();
  }
}

export async function main(): Promise<void> {
  await restPerPr();
  await restPerEscalation();
  await contentsApiComparison();
  await hundredMessageTick();
}
