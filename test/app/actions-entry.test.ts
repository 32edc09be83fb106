import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileHubStore } from "../../src/adapters/hub/index.ts";
import { runActionsEntry } from "../../src/app/actions-entry.ts";
import { builtEntry } from "../support/built-cli.ts";
import { commentCreated, prClosed, REPO, REQUESTER, ROOT } from "./support.ts";
import { bareOrigin, git } from "../support/git-origin.ts";

const run = promisify(execFile);
const ENTRY = builtEntry("relay");
const TOKEN = "ghs_entryTestToken0123456789abcdefABCDEF";

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

/** GitHub's REST API, faked on 127.0.0.1: the entry is a separate process, out of nock's reach. */
async function fakeGitHub(respond: (seen: Seen) => [number, unknown]) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const entry = { method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, body };
      seen.push(entry);
      const [status, data] = respond(entry);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "warden-entry-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function entry(eventName: string, payload: unknown, apiUrl: string, extra: Record<string, string> = {}, cwd = ROOT) {
  const eventPath = join(dir, "event.json");
  await writeFile(eventPath, JSON.stringify(payload));
  // The variables a GitHub Actions runner sets for a step, with the API pointed at the fake.
  const env = {
    PATH: process.env.PATH ?? "",
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: REPO,
    GITHUB_REPOSITORY_OWNER: "acme",
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_WORKFLOW: "ops-warden relay",
    GITHUB_WORKSPACE: ROOT,
    RUNNER_TEMP: dir,
    GITHUB_TOKEN: TOKEN,
    WARDEN_HUB_URL: `file:${join(dir, "hub")}`,
    WARDEN_STATE_DIR: join(dir, "state"),
    ...extra,
  };
  return run(process.execPath, [ENTRY], { cwd, env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

const relayed = async () => (await new FileHubStore({ dir: join(dir, "hub") }).readPage(REQUESTER, null, 100)).records as { id: string; body: string }[];

describe("the Actions entry as a process", () => {
  it("relays a maintainer's /warden reply through the API at GITHUB_API_URL with the job's token, exit 0", async () => {
    const github = await fakeGitHub((s) => (s.path.includes("/permission") ? [200, { permission: "admin", role_name: "admin" }] : [201, {}]));
    try {
      const result = await entry("issue_comment", commentCreated("/warden reply rotate it tonight"), github.url);
      expect(result.stderr).not.toContain(TOKEN);
      expect(result.code).toBe(0);
      expect(github.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
        `GET /repos/${REPO}/collaborators/mara/permission`,
        `POST /repos/${REPO}/issues/comments/5001/reactions`,
      ]);
      expect(github.seen.every((s) => s.authorization === `token ${TOKEN}`)).toBe(true);
      const [reply] = await relayed();
      expect(reply?.body).toContain("rotate it tonight");
    } finally {
      await github.close();
    }
  });

  it("with WARDEN_AUDIT_REF, appends the relay's events to the audit branch on origin, and its chain head to the hub's events", async () => {
    const repo = await bareOrigin();
    const github = await fakeGitHub((s) => (s.path.includes("/permission") ? [200, { permission: "admin", role_name: "admin" }] : [201, {}]));
    try {
      const result = await entry("issue_comment", commentCreated("/warden reply rotate it tonight"), github.url, { WARDEN_AUDIT_REF: "warden/audit" }, repo.checkout);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/audit: \d+ relay events appended to warden\/audit/);
      const onBranch = await git(repo.origin, "show", "warden/audit:audit-000001.jsonl");
      const [reply] = await relayed();
      expect(onBranch).toContain('"actor":"relay"');
      expect(onBranch).toContain(`"hub_message":"${reply?.id}"`);
      const events = (await new FileHubStore({ dir: join(dir, "hub") }).events()).map((e) => e.event);
      expect(events.map((e) => [e.kind, e.outcome])).toEqual([["audit.relay", "relayed"], ["audit.relay", "executed"]]);
      expect(events[1]).toMatchObject({ action: "audit-head", detail: { ref: "warden/audit", seq: expect.any(Number) } });
      // The checkout the relay ran in is untouched.
      expect(await git(repo.checkout, "status", "--porcelain")).toBe("");
    } finally {
      await github.close();
      await repo.cleanup();
    }
  });

  it("exits 1 when a handler fails (GitHub refuses), so the job shows red; nothing relayed", async () => {
    const github = await fakeGitHub(() => [403, { message: "Resource not accessible by integration" }]);
    try {
      const result = await entry("issue_comment", commentCreated("/warden reply hi"), github.url);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("ops-warden relay failed: ForgeError: GitHub answered 403 to get permission: Resource not accessible by integration");
      expect(await relayed()).toEqual([]);
    } finally {
      await github.close();
    }
  });

  it("exits 1 on a malformed payload, naming the field", async () => {
    const payload = prClosed();
    const result = await entry("pull_request", { ...payload, pull_request: { ...payload.pull_request, html_url: 7 } }, "http://127.0.0.1:9");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("pull_request.html_url");
  });

  it("refuses to start (exit 2) without the event variables or a token", async () => {
    await expect(runActionsEntry({ GITHUB_EVENT_NAME: "pull_request" })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("GITHUB_EVENT_NAME and GITHUB_EVENT_PATH must be set") });
    await expect(runActionsEntry({ GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: "/nonexistent" })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("GITHUB_TOKEN must be set") });
  });
});
