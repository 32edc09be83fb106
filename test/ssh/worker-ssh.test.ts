import sshpk from "sshpk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import type { Message } from "../../src/domain/message.ts";
import { buildSshLane } from "../../src/runtime/ssh.ts";
import { executorWorld } from "../support/executor-world.ts";
import { message } from "../support/planner.ts";
import type { SshKeys } from "../support/ssh.ts";
import { certificateLine, sshKeys } from "../support/ssh.ts";

let keys: SshKeys;
let world: Awaited<ReturnType<typeof executorWorld>>;

/** The SSH lane as production wires it: a local CA and the signatures log in a real audit trail. */
function lane() {
  return buildSshLane({ root: keys.dir, env: { WARDEN_SSH_CA_KEY: keys.caKeyFile }, config: DEFAULT_CONFIG, mode: "manual" });
}

async function start(messages: Message[]) {
  world = await executorWorld({ messages });
}

beforeEach(async () => {
  keys = await sshKeys();
});
afterEach(async () => {
  await world?.cleanup();
  await keys.cleanup();
});

const repliesTo = async (id: string) => (await world.stored()).filter((m) => m.from_agent === "ops-warden" && m.in_reply_to === id);

describe("the worker signs what its own playbook promises", () => {
  it("a thread: the agent asks, gets the route answer, replies with its public key and receives a certificate", async () => {
    const ask = message({ id: "m-ask", thread_id: "thr-ssh", from_agent: "nightly-runner", subject: "ssh", body: "how do I get an ssh certificate for the build fleet?", created_at: "2026-12-08T09:00:00Z" });
    await start([ask]);
    await world.tick({ ssh: lane() });
    const [answer] = await repliesTo("m-ask");
    expect(answer?.subject).toBe("Re: route ssh-build-hosts");
    const user = await keys.user("runner");
    // The agent answers in the thread, as the route answer tells it to.
    await world.hub.send({ thread_id: "thr-ssh", in_reply_to: answer?.id ?? null, from_agent: "nightly-runner", to_agent: "ops-warden", subject: "Re: route ssh-build-hosts", body: user.line }, "follow-up-1");
    const { doc, result } = await world.tick({ ssh: lane() });
    const plan = doc.messages.find((m) => m.subject === "Re: route ssh-build-hosts");
    expect(plan?.run.map((a) => a.kind)).toEqual(["issue_ssh_certificate", "mark_read"]);
    expect(result.outcomes.flat().map((o) => o.status)).toEqual(["executed", "executed"]);
    const [reply] = await repliesTo(plan?.message_id ?? "");
    expect(reply).toMatchObject({ to_agent: "nightly-runner", thread_id: "thr-ssh", subject: "Re: route ssh-build-hosts" });
    const line = certificateLine(reply?.body ?? "");
    const cert = sshpk.parseCertificate(line ?? "", "openssh");
    expect(cert.isSignedByKey(keys.caPublic)).toBe(true);
    expect(cert.subjects.map((s) => s.uid)).toEqual(["builder"]); // the route's default principal
    expect(cert.subjectKey.fingerprint("sha256").toString()).toBe(user.fingerprint);
    expect(cert.validUntil.getTime() - Date.now()).toBeGreaterThan(7.9 * 3600 * 1000);
    expect(reply?.body).toContain("Save the line below beside your key as <key>-cert.pub");
    expect(reply?.body).toMatch(/Serial: \d+/);
    const signed = await lane().signatures.all();
    expect(signed).toHaveLength(1);
    expect(signed[0]).toMatchObject({ requester: "nightly-runner", route_id: "ssh-build-hosts", principals: ["builder"], key_fingerprint: user.fingerprint, signer: "local-ca" });
  });

  it("the same key asking twice within the TTL gets the same certificate again: one signature", async () => {
    const user = await keys.user("twice");
    const body = `sign my ssh key for the build runners, principal: deploy-ci\n${user.line}`;
    await start([message({ id: "m-1", body, subject: "key" })]);
    await world.tick({ ssh: lane() });
    await world.hub.send({ thread_id: "thr-2", in_reply_to: null, from_agent: "build-runner", to_agent: "ops-warden", subject: "key again", body }, "again-1");
    const { result } = await world.tick({ ssh: lane() });
    expect(result.outcomes.flat()[0]).toMatchObject({ status: "executed", code: "already-done" });
    const replies = (await world.stored()).filter((m) => m.from_agent === "ops-warden");
    expect(replies).toHaveLength(2);
    const [first, second] = replies.map((m) => certificateLine(m.body));
    expect(second).toBe(first);
    expect(replies[1]?.body).toContain("here it is again");
    expect(await lane().signatures.all()).toHaveLength(1);
  });

  it("a principal outside the route's policy is escalated, naming what is allowed, and nothing is signed", async () => {
    const user = await keys.user("wide");
    await start([message({ id: "m-root", subject: "ssh", body: `sign my ssh key for the build runners as user root\n${user.line}` })]);
    const { doc } = await world.tick({ ssh: lane() });
    expect(doc.messages[0]?.proposed[0]).toMatchObject({ kind: "issue_ssh_certificate", verdict: "downgraded", rule: "ssh-policy" });
    expect(doc.messages[0]?.proposed[0]?.reason).toContain("allowed: builder, deploy-ci");
    expect(world.github.issues).toHaveLength(1);
    expect(await repliesTo("m-root")).toEqual([]);
    expect(await lane().signatures.all()).toEqual([]);
  });

  it("a private key pasted is escalated as a secret, redacted, never signed", async () => {
    const user = await keys.user("leaky");
    await start([message({ id: "m-priv", subject: "Re: route ssh-build-hosts", body: `here is my key\n${user.privateText}\n${user.line}` })]);
    const { doc } = await world.tick({ ssh: lane() });
    expect(doc.messages[0]?.gate?.rule).toBe("inbound-secret");
    expect(doc.messages[0]?.run.map((a) => a.kind)).toEqual(["escalate", "mark_read"]);
    const issue = world.github.issues[0];
    expect(issue?.labels).toContain("escalation:secret");
    const body = user.privateText.split("\n")[1] ?? "";
    expect(JSON.stringify(world.github.issues)).not.toContain(body.slice(0, 40));
    expect(await lane().signatures.all()).toEqual([]);
  });

  it("dry-run shows the action with fingerprint, principals and TTL and signs nothing", async () => {
    const user = await keys.user("dry");
    await start([message({ id: "m-dry", subject: "Re: route ssh-build-hosts", body: `${user.line}\nttl 2h` })]);
    const { doc, writes } = await world.dryTick();
    const action = doc.messages[0]?.run[0];
    expect(action).toMatchObject({ kind: "issue_ssh_certificate", route_id: "ssh-build-hosts", principals: ["builder"], ttl_seconds: 7200, key_fingerprint: user.fingerprint, approval: "none" });
    expect(writes).toEqual([]);
    expect(await lane().signatures.all()).toEqual([]);
  });

  it("with no signer configured the action fails with the broker hint and the message stays unread", async () => {
    const user = await keys.user("nosigner");
    await start([message({ id: "m-none", subject: "Re: route ssh-build-hosts", body: user.line })]);
    const none = buildSshLane({ root: keys.dir, env: {}, config: DEFAULT_CONFIG, mode: "manual" });
    const { result } = await world.tick({ ssh: none });
    expect(result.outcomes.flat()[0]?.status).toBe("failed");
    expect(result.outcomes.flat()[0]?.reason).toContain("credential-broker exec ops-warden-warden-sign-token -- warden sign");
    expect(await world.unreadIds()).toEqual(["m-none"]);
  });

  it.each([
    ["after the reply was stored (the answer lost)", "after"],
    ["before the reply reached the hub", "before"],
  ] as const)("a tick that fails %s sends one reply with the one certificate on the next tick", async (_what, when) => {
    const user = await keys.user(`crash-${when}`);
    await start([message({ id: "m-crash", subject: "Re: route ssh-build-hosts", body: user.line })]);
    world.faults.push({ method: "send", when });
    const first = await world.tick({ ssh: lane() });
    expect(first.result.outcomes.flat()[0]?.status).toBe("failed");
    expect(await world.unreadIds()).toEqual(["m-crash"]);
    const second = await world.tick({ ssh: lane() });
    expect(second.result.outcomes.flat().map((o) => o.status)).toEqual(["executed", "executed"]);
    const replies = await repliesTo("m-crash");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toMatch(/^Signed: /);
    expect(await lane().signatures.all()).toHaveLength(1);
  });
});
