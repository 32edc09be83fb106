import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import type { AuditEvent } from "../../src/domain/audit.ts";
import { buildSshLane } from "../../src/runtime/ssh.ts";
import { auditBranchTarget, publishEvents } from "../../src/runtime/audit-branch.ts";
import { bareOrigin, git } from "../support/git-origin.ts";
import type { SshKeys } from "../support/ssh.ts";
import { sshKeys } from "../support/ssh.ts";

const REF = "warden/audit";
let keys: SshKeys;
let world: Awaited<ReturnType<typeof bareOrigin>>;

beforeEach(async () => {
  keys = await sshKeys();
  world = await bareOrigin();
});
afterEach(async () => {
  await world.cleanup();
  await keys.cleanup();
});

/** A fresh clone and an empty state dir, as every GitHub Actions runner starts. */
async function runner(name: string): Promise<{ clone: string; env: NodeJS.ProcessEnv }> {
  const clone = join(world.root, name);
  await git(world.root, "clone", "--quiet", world.origin, clone);
  return { clone, env: { WARDEN_SSH_CA_KEY: keys.caKeyFile, WARDEN_AUDIT_REF: REF, WARDEN_STATE_DIR: await mkdtemp(join(world.root, `state-${name}-`)) } };
}

describe("the signatures log across runners", () => {
  it("a certificate signed on one runner and published to the audit branch is found by the next runner's fresh clone: one valid certificate per key and route", async () => {
    const user = await keys.user("runner");
    const first = await runner("run-1");
    const recorded: AuditEvent[] = [];
    const sink = { record: async (event: AuditEvent) => void recorded.push(event), flush: async () => undefined };
    const lane = buildSshLane({ root: first.clone, env: first.env, config: DEFAULT_CONFIG, mode: "manual", tickId: "t-1", sink });
    const signer = lane.signer;
    if (!signer) throw new Error("the local CA should be configured");
    const signed = await signer.sign({ publicKey: user.line, principals: ["builder"], ttlSeconds: 3600, keyId: "test", role: "build" });
    const record = { serial: signed.serial, key_fingerprint: user.fingerprint, principals: signed.principals, ttl_seconds: 3600, valid_before: signed.validBefore, requester: "nightly-runner", route_id: "ssh-build-hosts", signer: signer.kind, certificate: signed.certificate, at: new Date().toISOString() };
    await lane.signatures.add(record, { actor: "worker", message_id: "m-1", thread_id: "thr-1", key: "k-1" });
    // The tick publishes what its trail recorded, as runTick does at its end.
    const target = auditBranchTarget(first.clone, first.env, DEFAULT_CONFIG);
    expect(target).toBeDefined();
    if (target) await publishEvents(target, recorded, "t-1");

    const second = await runner("run-2");
    const next = buildSshLane({ root: second.clone, env: second.env, config: DEFAULT_CONFIG, mode: "manual", tickId: "t-2" });
    const found = await next.signatures.findValid(user.fingerprint, "ssh-build-hosts", new Date());
    expect(found).toMatchObject({ serial: signed.serial, certificate: signed.certificate, requester: "nightly-runner" });
    // Without the branch (a local run) the empty state dir knows nothing.
    const { WARDEN_AUDIT_REF: _ref, ...withoutRef } = second.env;
    const local = buildSshLane({ root: second.clone, env: withoutRef, config: DEFAULT_CONFIG, mode: "manual" });
    expect(await local.signatures.findValid(user.fingerprint, "ssh-build-hosts", new Date())).toBeUndefined();
  });
});
