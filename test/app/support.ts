import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createFileHubClient, FileHubStore } from "../../src/adapters/hub/index.ts";
import { createRelayApp } from "../../src/app/probot-app.ts";
import { actionKey } from "../../src/domain/keys.ts";
import type { Message } from "../../src/domain/message.ts";
import { MessageSchema } from "../../src/domain/message.ts";
import { renderMarker } from "../../src/worker/render/marker.ts";
import { buildRelayAudit, buildRelayDeps } from "../../src/runtime/relay.ts";
import type { AuditSink } from "../../src/domain/audit.ts";
import { MemoryAuditSink } from "../support/memory-audit.ts";

export const REPO = "acme/estate";
export const API = "https://api.github.com";
export const BOT = { login: "ops-warden[bot]", type: "Bot" };
export const MAINTAINER = { login: "mara", type: "User" };
export const OUTSIDER = { login: "otto", type: "User" };
export const REQUESTER = "deploy-bot";
export const ROOT = join(import.meta.dirname, "..", "..");

export const MARKER = { key: actionKey("msg-1", "propose_catalog_change"), message_id: "msg-1", thread_id: "thr-1", from_agent: REQUESTER };
export const BOT_BODY = `ops-warden proposes a catalog change.\n\n${renderMarker(MARKER)}`;

/** Throttling and retry off with the function form (the object form is ignored by Probot 14). */
const TestOctokit = ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));

export interface RelayWorld {
  probot: Probot;
  audit: MemoryAuditSink;
  store: FileHubStore;
  /** Everything the hub holds for the requester, oldest first. */
  relayed(): Promise<Message[]>;
  receive(name: string, payload: unknown, id?: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function relayWorld(env: Record<string, string> = {}, withHub = true): Promise<RelayWorld> {
  const dir = await mkdtemp(join(tmpdir(), "warden-relay-"));
  const audit = new MemoryAuditSink();
  const hub = withHub ? createFileHubClient({ dir }) : undefined;
  // The real trail too (temp state dir): it is what delivers relay events to the hub's events.
  const trail = withHub ? (await buildRelayAudit(ROOT, { WARDEN_STATE_DIR: join(dir, "state"), WARDEN_HUB_URL: `file:${dir}` })).sink : undefined;
  const factory = await buildRelayDeps({
    root: ROOT,
    env: { GITHUB_REPOSITORY: REPO, ...env },
    audit: trail ? teeSink(audit, trail) : audit,
    now: () => new Date("2026-12-01T12:00:00Z"),
    ...(hub ? { hub } : {}),
  });
  const probot = new Probot({ githubToken: "test-token", Octokit: TestOctokit, log: pino({ level: "silent" }) });
  await probot.load(createRelayApp(factory));
  const store = new FileHubStore({ dir });
  return {
    probot,
    audit,
    store,
    async relayed() {
      const page = await store.readPage(REQUESTER, null, 100);
      return page.records.map((r) => MessageSchema.parse(r));
    },
    receive: (name, payload, id = "delivery-1") => probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

const repository = { full_name: REPO, name: "estate", owner: { login: "acme" } };

export function prClosed(overrides: { merged?: boolean; body?: string | null; user?: object; repo?: string; number?: number } = {}) {
  const number = overrides.number ?? 7;
  return {
    action: "closed",
    repository: overrides.repo ? { ...repository, full_name: overrides.repo } : repository,
    sender: MAINTAINER,
    installation: { id: 1 },
    pull_request: {
      number,
      html_url: `https://github.com/${REPO}/pull/${number}`,
      body: overrides.body === undefined ? BOT_BODY : overrides.body,
      user: overrides.user ?? BOT,
      merged: overrides.merged ?? true,
      closed_at: "2026-12-01T11:00:00Z",
      head: { ref: "warden/msg-1-abc123" },
    },
  };
}

export function issueClosed(overrides: { body?: string; user?: object; state_reason?: string; closed_at?: string } = {}) {
  return {
    action: "closed",
    repository,
    sender: MAINTAINER,
    issue: {
      number: 12,
      html_url: `https://github.com/${REPO}/issues/12`,
      body: overrides.body ?? BOT_BODY,
      user: overrides.user ?? BOT,
      closed_at: overrides.closed_at ?? "2026-12-01T11:30:00Z",
      state_reason: overrides.state_reason ?? "completed",
    },
  };
}

export function commentCreated(text: string, overrides: { user?: object; id?: number; issueBody?: string; issueUser?: object; association?: string } = {}) {
  const id = overrides.id ?? 5001;
  return {
    action: "created",
    repository,
    sender: overrides.user ?? MAINTAINER,
    issue: {
      number: 12,
      html_url: `https://github.com/${REPO}/issues/12`,
      body: overrides.issueBody ?? BOT_BODY,
      user: overrides.issueUser ?? BOT,
    },
    comment: {
      id,
      html_url: `https://github.com/${REPO}/issues/12#issuecomment-${id}`,
      body: text,
      user: overrides.user ?? MAINTAINER,
      author_association: overrides.association ?? "OWNER",
    },
  };
}

export function apiComment(id: number, user: { login: string; type: string }, body: string) {
  return { id, html_url: `https://github.com/${REPO}/issues/12#issuecomment-${id}`, body, user };
}

/** An AWS-style access key id assembled at run time, so the repository holds no secret-shaped literal. */
export function fakeAccessKey(): string {
  return ["AKIA", "QX7T", "W2ZL", "M9RB", "V4KD"].join("");
}

/** Both sinks get every event: the memory one for assertions, the real trail for the hub. */
function teeSink(a: AuditSink, b: AuditSink): AuditSink {
  return {
    record: async (event) => {
      await a.record(event);
      await b.record(event);
    },
    flush: async () => {
      await a.flush();
      await b.flush();
    },
  };
}
