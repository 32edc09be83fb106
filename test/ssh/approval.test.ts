import sshpk from "sshpk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import type { ForgeComment } from "../../src/domain/forge.ts";
import { MemoryGitHub } from "../support/memory-github.ts";
import { createSecretScanner } from "../../src/policy/secrets/index.ts";
import { buildSshLane } from "../../src/runtime/ssh.ts";
import { relayReplyCommand } from "../../src/worker/relay/command.ts";
import type { RelayDeps } from "../../src/worker/relay/context.ts";
import type { CommentCreated } from "../../src/worker/relay/events.ts";
import { executorWorld } from "../support/executor-world.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";
import { MemoryAuditSink } from "../support/memory-audit.ts";
import { message } from "../support/planner.ts";
import type { SshKeys } from "../support/ssh.ts";
import { certificateLine, sshKeys } from "../support/ssh.ts";

const REPO = "acme/estate";
const BOT = { login: "ops-warden[bot]", type: "Bot" };

/** The GitHub calls the relays make, in memory: permissions as the API would answer them. */
class MemoryRelayForge extends MemoryGitHub {
  readonly posted: ForgeComment[] = [];
  readonly reacted: number[] = [];
  override async listComments(): Promise<ForgeComment[]> {
    return [...this.posted];
  }
  override async comment(_issue: number, body: string): Promise<ForgeComment> {
    const created = { id: 9000 + this.posted.length, url: `https://github.com/${REPO}/issues/1#c${this.posted.length}`, body, author: { login: BOT.login, bot: true } };
    this.posted.push(created);
    return created;
  }
  override async reactToComment(id: number): Promise<void> {
    this.reacted.push(id);
  }
}

let keys: SshKeys;
let world: Awaited<ReturnType<typeof executorWorld>>;
beforeEach(async () => {
  keys = await sshKeys();
});
afterEach(async () => {
  await world?.cleanup();
  await keys.cleanup();
});

const lane = () => buildSshLane({ root: keys.dir, catalogRoot: REPO_ROOT, env: { WARDEN_SSH_CA_KEY: keys.caKeyFile }, config: DEFAULT_CONFIG, mode: "manual" });

/** A production request planned and executed by the worker: the approval issue it opened. */
async function approvalIssue() {
  const user = await keys.user("oncall");
  world = await executorWorld({ messages: [message({ id: "m-prod", thread_id: "thr-prod", from_agent: "ops-agent", subject: "prod", body: `I need ssh access to production hosts for an incident, principal: oncall\n${user.line}`, created_at: new Date().toISOString() })] });
  const { result } = await world.tick({ ssh: lane() });
  expect(result.outcomes.flat().map((o) => `${o.status}:${o.code}`)).toEqual(["executed:created", "executed:marked-read"]);
  const issue = world.github.issues[0];
  if (!issue) throw new Error("no approval issue");
  return { user, issue };
}

function relayDeps(forge: MemoryRelayForge, now = new Date()): RelayDeps {
  const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  return {
    settings: { repository: REPO, botLogins: ["ops-warden[bot]"], quoteMaxChars: 1500, linkHosts: ["github.com"], mode: "manual" },
    forge,
    hub: () => world.hub,
    scanner: createSecretScanner(),
    knownSecrets: [],
    audit: new MemoryAuditSink(),
    log: silent,
    now: () => now,
    ssh: lane(),
  };
}

function comment(text: string, body: string, login: string, id = 501): CommentCreated {
  return {
    action: "created",
    repository: { full_name: REPO },
    sender: { login, type: "User" },
    issue: { number: 1, html_url: `https://github.com/${REPO}/issues/1`, body, user: BOT },
    comment: { id, html_url: `https://github.com/${REPO}/issues/1#issuecomment-${id}`, body: text, user: { login, type: "User" } },
  };
}

const repliesTo = async (id: string) => (await world.stored()).filter((m) => m.from_agent === "ops-warden" && m.in_reply_to === id);

describe("approval for production SSH routes", () => {
  it("opens an approval request built from code-owned fields, and signs nothing before approval", async () => {
    const { user, issue } = await approvalIssue();
    expect(issue.title).toBe("[ops-warden] SSH approval: ssh-production-hosts for ops-agent");
    expect(issue.body).toContain(user.fingerprint);
    expect(issue.body).toContain("`oncall`");
    expect(issue.body).toContain("`1h`");
    expect(issue.body).not.toContain("incident"); // no message text
    expect(await lane().signatures.all()).toEqual([]);
    expect(await repliesTo("m-prod")).toEqual([]);
  });

  it("/warden approve by a maintainer (permission asked of the API) signs exactly the request and replies in the thread", async () => {
    const { user, issue } = await approvalIssue();
    const forge = new MemoryRelayForge();
    forge.permissions.set("mara", "maintain");
    const result = await relayReplyCommand(comment("/warden approve", issue.body, "mara"), relayDeps(forge));
    expect(result.outcome).toBe("relayed");
    const [reply] = await repliesTo("m-prod");
    expect(reply).toMatchObject({ to_agent: "ops-agent", thread_id: "thr-prod", subject: "Re: route ssh-production-hosts" });
    const cert = sshpk.parseCertificate(certificateLine(reply?.body ?? "") ?? "", "openssh");
    expect(cert.subjects.map((s) => s.uid)).toEqual(["oncall"]);
    expect(cert.subjectKey.fingerprint("sha256").toString()).toBe(user.fingerprint);
    expect(cert.validUntil.getTime() - cert.validFrom.getTime()).toBe(3600_000 + 60_000);
    expect(reply?.body).toContain("Approved by: mara");
    const [record] = await lane().signatures.all();
    expect(record).toMatchObject({ approver: "mara", route_id: "ssh-production-hosts", requester: "ops-agent", principals: ["oncall"] });
    expect(forge.posted.map((c) => c.body)).toEqual([expect.stringMatching(/^Approved by mara: signed serial \d+/) as unknown]);
    // Approving again sends the same certificate again, never a second one.
    await relayReplyCommand(comment("/warden approve", issue.body, "mara", 502), relayDeps(forge));
    expect(await lane().signatures.all()).toHaveLength(1);
  });

  it("/warden approve by someone without write permission is refused and nothing is signed", async () => {
    const { issue } = await approvalIssue();
    const forge = new MemoryRelayForge();
    forge.permissions.set("otto", "read");
    const result = await relayReplyCommand(comment("/warden approve", issue.body, "otto"), relayDeps(forge));
    expect(result.outcome).toBe("refused");
    expect(forge.posted[0]?.body).toMatch(/^Sorry, only people with write, maintain or admin permission .* Nothing was signed\./);
    expect(await lane().signatures.all()).toEqual([]);
    expect(await repliesTo("m-prod")).toEqual([]);
  });

  it("/warden deny tells the requester, with the reason; a later approve changes nothing", async () => {
    const { issue } = await approvalIssue();
    const forge = new MemoryRelayForge();
    forge.permissions.set("mara", "admin");
    await relayReplyCommand(comment("/warden deny not during the freeze", issue.body, "mara"), relayDeps(forge));
    const [reply] = await repliesTo("m-prod");
    expect(reply?.body).toContain("was declined by a maintainer (mara)");
    expect(reply?.body).toContain("not during the freeze");
    const later = await relayReplyCommand(comment("/warden approve", issue.body, "mara", 503), relayDeps(forge));
    expect(later.outcome).toBe("refused");
    expect(await lane().signatures.all()).toEqual([]);
  });

  it("an approval is accepted for 24 hours only", async () => {
    const { issue } = await approvalIssue();
    const forge = new MemoryRelayForge();
    forge.permissions.set("mara", "write");
    const result = await relayReplyCommand(comment("/warden approve", issue.body, "mara"), relayDeps(forge, new Date(Date.now() + 25 * 3600 * 1000)));
    expect(result.outcome).toBe("refused");
    expect(forge.posted[0]?.body).toContain("older than 24 hours");
    expect(await lane().signatures.all()).toEqual([]);
  });

  it("a marker pasted into an issue a person opened is not an approval request", async () => {
    const { issue } = await approvalIssue();
    const forge = new MemoryRelayForge();
    forge.permissions.set("mara", "admin");
    const event = { ...comment("/warden approve", issue.body, "mara"), issue: { number: 2, html_url: `https://github.com/${REPO}/issues/2`, body: issue.body, user: { login: "mallory", type: "User" } } };
    expect((await relayReplyCommand(event, relayDeps(forge))).outcome).toBe("ignored");
    expect(await lane().signatures.all()).toEqual([]);
  });

  it("an approval is judged again against the route's policy: a request edited in the issue body is not signed", async () => {
    const { issue } = await approvalIssue();
    const forge = new MemoryRelayForge();
    forge.permissions.set("mara", "admin");
    const edited = issue.body.replace('"ttl_seconds":3600', '"ttl_seconds":86400');
    expect(edited).not.toBe(issue.body);
    const result = await relayReplyCommand(comment("/warden approve", edited, "mara"), relayDeps(forge));
    expect(result.outcome).toBe("refused");
    expect(forge.posted[0]?.body).toMatch(/Not signed: the request no longer fits the route's policy \(a TTL of 1d is longer than the route allows; at most 1h\)/);
    expect(await lane().signatures.all()).toEqual([]);
  });
});
