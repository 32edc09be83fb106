import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningHubServer } from "../../src/adapters/hub/index.ts";
import { createHttpHubClient, FileHubStore, startHubServer } from "../../src/adapters/hub/index.ts";
import { buildExecutor, buildWorker } from "../../src/runtime/index.ts";
import { readMarker } from "../../src/worker/render/marker.ts";
import { existsSync } from "node:fs";
import { readAuditEvents } from "../../src/adapters/audit/events.ts";
import type { AuditEvent } from "../../src/domain/audit.ts";
import { DASHBOARD_MARKER } from "../../src/worker/dashboard/render.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";
import { FakeGitHubApi } from "../support/fake-github-api.ts";
import { bareOrigin, git } from "../support/git-origin.ts";
import { openApiProblems } from "../support/github-openapi.ts";
import { nockGitHub } from "../support/nock-github.ts";
import { nodeHttpFetch } from "../support/node-http-fetch.ts";

const GITHUB_CANARY = "ghs_e2eCANARYtokenE2Ecanary000111222333";
const HUB_CANARY = "hub-e2e-CANARY-token-4455667788";

/** The bot's escalation issues: the dashboard issue is not one. */
const escalations = <T extends { body?: string | null }>(issues: T[]) => issues.filter((i) => !(i.body ?? "").includes(DASHBOARD_MARKER));

async function trailEvents(dir: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  const damaged = (where: { file: string; line: number }) => {
    throw new Error(`damaged audit line ${where.file}:${where.line}`);
  };
  for await (const e of readAuditEvents(dir, damaged)) events.push(e);
  return events;
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});
afterAll(() => nock.enableNetConnect());

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  nock.cleanAll();
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function world(mode = "manual") {
  const repo = await bareOrigin();
  cleanups.push(repo.cleanup);
  await mkdir(join(repo.checkout, ".github"), { recursive: true });
  await writeFile(join(repo.checkout, ".github", "ops-warden.yml"), `mode: ${mode}\n`);
  const hubDir = await mkdtemp(join(tmpdir(), "warden-e2e-hub-"));
  cleanups.push(() => rm(hubDir, { recursive: true, force: true }));
  await cp(join(REPO_ROOT, "samples", "inbox", "messages.json"), join(hubDir, "messages.json"));
  const store = new FileHubStore({ dir: hubDir });
  const server: RunningHubServer = await startHubServer({ store, token: HUB_CANARY, port: 0, host: "127.0.0.1" });
  cleanups.push(() => server.close());
  const api = new FakeGitHubApi();
  nockGitHub(api);
  const env = {
    PATH: process.env.PATH,
    GITHUB_REPOSITORY: "acme/estate",
    GITHUB_API_URL: api.base,
    GITHUB_TOKEN: GITHUB_CANARY,
    WARDEN_HUB_URL: server.url,
    WARDEN_HUB_TOKEN: HUB_CANARY,
    WARDEN_STATE_DIR: join(repo.root, "state"),
    GITHUB_STEP_SUMMARY: join(repo.root, "summary.md"),
    WARDEN_AUDIT_REF: "warden/audit",
  };
  // The runtime's one tick, as `worker run --once --execute` runs it: lock, plan, execute, record, dashboard.
  const tick = async () => {
    const hub = createHttpHubClient({ baseUrl: server.url, token: HUB_CANARY, fetch: nodeHttpFetch });
    const worker = await buildWorker({ root: repo.checkout, env, cwd: repo.checkout, hub, executing: true, executorSeams: { octokit: { retry: false, throttle: false } } });
    try {
      const run = await worker.runTick({ stopRequested: () => false });
      if (!run.ran || !run.result) throw new Error(`the tick did not run: ${run.ran ? "no result" : run.reason}`);
      return { doc: run.doc, result: run.result };
    } finally {
      await worker.dispose();
    }
  };
  return { repo, api, store, hubDir, env, tick };
}

// Real git, a real hub server and the real secret scanner: each tick here takes seconds on a busy machine.
describe("worker --execute end to end (real git, reference hub server, GitHub REST faked with nock)", { timeout: 60_000 }, () => {
  it("turns the sample inbox into PRs, issues and replies; every request conforms to GitHub's REST description; a re-run writes nothing", async () => {
    const w = await world();
    const first = await w.tick();
    expect(first.result.summary).toMatchObject({ failed: 0, deferred: 0 });
    expect(w.api.pulls()).toHaveLength(2);
    // 5 escalations of planned messages and the sample inbox's 2 quarantined records.
    expect(escalations(w.api.issues()).length + w.api.items.flatMap((i) => i.comments).length).toBe(7);
    for (const pr of w.api.pulls()) {
      expect(await git(w.repo.origin, "log", "-1", "--format=%an", pr.pr!.head)).toBe("ops-warden[bot]");
      expect(pr.labels).toEqual(["ops-warden"]);
      expect(readMarker(pr.body ?? "")?.hash).toBeDefined();
    }
    const problems = w.api.requests.flatMap(openApiProblems);
    expect(problems).toEqual([]);
    expect(new Set(w.api.requests.map((r) => r.authorization))).toEqual(new Set([`token ${GITHUB_CANARY}`]));

    const messages = (await w.store.readPage("ops-warden", null, 1000)).records;
    // The two quarantined records are escalated and marked read too: nothing stays unread.
    expect(messages.filter((m) => (m as { status: string }).status === "unread")).toHaveLength(0);
    const outcomes = first.doc.messages.flatMap((m) => m.run.map((a) => a.outcome?.status));
    expect(outcomes.every((s) => s === "executed")).toBe(true);

    // The audit holds what happened, under the real mode, with links: one trail, no side file.
    const events = await trailEvents(join(w.repo.root, "state", "audit"));
    const worker = events.filter((e) => e.actor === "worker" && e.tick_id === events.at(-1)?.tick_id);
    expect(new Set(worker.map((e) => e.mode))).toEqual(new Set(["manual"]));
    expect(worker.filter((e) => e.outcome === "planned")).toEqual([]);
    const prs = worker.filter((e) => e.action?.kind === "propose_catalog_change" || e.action?.kind === "propose_playbook_change");
    expect(prs.map((e) => [e.outcome, e.links.pr?.replace(/.*\//, "")]).sort()).toEqual(w.api.pulls().map((p) => ["executed", String(p.number)]).sort());
    expect(worker.filter((e) => e.action?.kind === "answer_route").every((e) => e.outcome === "executed" && typeof e.links.hub_message === "string")).toBe(true);
    expect(worker.filter((e) => e.action?.kind === "escalate").every((e) => e.outcome === "executed" && /\/issues\/\d+$/.test(e.links.issue ?? ""))).toBe(true);
    expect(worker.find((e) => e.action?.kind === "tick")).toMatchObject({ outcome: "executed", detail: { executed: first.result.summary.executed, failed: 0, trigger: "local" } });
    expect(worker.find((e) => e.action?.kind === "dashboard")).toMatchObject({ outcome: "executed", rule: "dashboard-created" });
    expect(w.api.issues().filter((i) => (i.body ?? "").includes(DASHBOARD_MARKER))).toHaveLength(1);
    expect(existsSync(join(w.repo.checkout, ".ops-warden"))).toBe(false);
    // An executing tick says so: no "planning only", and the job summary is headed with the real mode.
    expect(first.doc.planning_only).toBeUndefined();
    const summary = await readFile(join(w.repo.root, "summary.md"), "utf8");
    expect(summary).toMatch(/^## ops-warden tick `t-[^`]+` \(manual\)$/m);
    expect(summary).not.toContain("dry-run");
    expect(summary).toMatch(/\| executed \| \d+ \|/);
    // The durable audit: the executed events are on origin's warden/audit, and the chain head the
    // branch reached went to the hub's events (in the one audit envelope) and the job summary.
    const onBranch = await git(w.repo.origin, "show", "warden/audit:audit-000001.jsonl");
    for (const pr of prs) expect(onBranch).toContain(pr.id);
    const head = (await w.store.events()).map((e) => e.event).find((e) => e.action === "audit-head");
    expect(head).toMatchObject({ kind: "audit.worker", outcome: "executed", detail: { ref: "warden/audit", seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(summary).toContain(`record ${String(head?.detail.seq)}, hash \`${String(head?.detail.hash)}\``);

    const writes = w.api.writes().length;
    const second = await w.tick();
    expect(second.doc.messages).toHaveLength(0);
    expect(w.api.writes()).toHaveLength(writes);

    // Canary tokens: in no request body, git config, commit, event log or plan.
    const haystacks = [
      JSON.stringify(w.api.requests.map((r) => r.body)),
      await readFile(join(w.repo.checkout, ".git", "config"), "utf8"),
      await readFile(join(w.repo.origin, "config"), "utf8"),
      await git(w.repo.origin, "log", "--all", "--format=%H %an %ae %B"),
      await git(w.repo.origin, "log", "--all", "-p", "--format="),
      await readFile(join(w.repo.root, "state", "audit", "audit-000001.jsonl"), "utf8"),
      await readFile(join(w.hubDir, "messages.json"), "utf8"),
      JSON.stringify(first.doc),
    ];
    for (const text of haystacks) {
      expect(text).not.toContain(GITHUB_CANARY);
      expect(text).not.toContain(HUB_CANARY);
      expect(text).not.toContain(Buffer.from(`x-access-token:${GITHUB_CANARY}`).toString("base64"));
    }
  });

  it("a secondary rate limit mid-tick ends it cleanly; the next tick finishes without duplicates", async () => {
    const w = await world();
    w.api.failNext((r) => r.method === "POST" && r.path.endsWith("/issues"), {
      status: 403,
      body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
      headers: { "retry-after": "60" },
    });
    const first = await w.tick();
    expect(first.result.stopped).toBe("rate-limited");
    expect(first.doc.execution?.stopped).toBe("rate-limited");
    expect(first.result.summary.failed).toBe(0);
    const second = await w.tick();
    expect(second.result.stopped).toBeUndefined();
    expect(second.result.summary.failed).toBe(0);
    expect(w.api.pulls()).toHaveLength(2);
    // 5 escalations of planned messages and the sample inbox's 2 quarantined records.
    expect(escalations(w.api.issues()).length + w.api.items.flatMap((i) => i.comments).length).toBe(7);
    expect(w.api.requests.flatMap(openApiProblems)).toEqual([]);
  });

  it("is refused in dry-run mode, naming the config file and key", async () => {
    const w = await world("dry-run");
    const worker = await buildWorker({ root: w.repo.checkout, env: w.env, cwd: w.repo.checkout });
    const attempt = buildExecutor({ config: worker.config, configSource: worker.configSource, hub: worker.hub, scanner: worker.planner.scanner, env: w.env, cwd: w.repo.checkout });
    await expect(attempt).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/ops-warden\.yml \(key `mode`\)/) });
    expect(w.api.requests).toHaveLength(0);
  });
});
