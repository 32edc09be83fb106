import type { Catalog } from "../../domain/catalog.ts";
import { UsageError } from "../../domain/errors.ts";
import type { SignatureLog, SignatureRecord, SshSigner } from "../../domain/ssh.ts";
import type { MessagePlan, RunAction } from "../plan/types.ts";
import { renderCertificateReply } from "../render/ssh.ts";
import type { TickState } from "./context.ts";
import type { ActionOutcome } from "./outcome.ts";
import { outcome } from "./outcome.ts";

export type SshCertificateAction = Extract<RunAction, { kind: "issue_ssh_certificate" }>;

/** What the SSH lane executes through. `signer` is absent when neither OpenBao nor a local CA is configured. */
export interface SshExecuteDeps {
  signer: SshSigner | undefined;
  signatures: SignatureLog;
  /** Why there is no signer and how to get one (the broker hint), for the failure outcome. */
  missingSigner: string;
  /** The catalog as it is now: an approval is judged again against the route's current policy. */
  catalog?: () => Promise<Catalog>;
}

/**
 * Signs what the judge granted, or opens the approval request of a production route. One valid
 * certificate per key and route at a time: a certificate still valid in the signatures log is
 * sent again rather than signing a new one, which also makes a re-run after a crash between the
 * signature and the reply send the same certificate (same idempotency key) instead of a second.
 */
export async function executeSshCertificate(action: SshCertificateAction, plan: MessagePlan, state: TickState): Promise<ActionOutcome> {
  if (action.approval_issue) return openApprovalRequest(action, state);
  const ssh = state.deps.ssh;
  if (!ssh) throw new UsageError("the SSH lane is not wired into this executor");
  const now = state.deps.now();
  const held = await ssh.signatures.findValid(action.key_fingerprint, action.route_id, now);
  // Signed by this very action (a tick that crashed after signing): the same reply, so the hub's idempotency key matches.
  if (held) return reply(action, held, held.key !== action.key, state);
  if (state.deps.dryRun) return outcome("planned", "signed", { reason: "dry-run: nothing signed" });
  const signer = ssh.signer;
  if (!signer) throw new UsageError(ssh.missingSigner);
  const record = await signAndRecord({ signer, signatures: ssh.signatures }, action, { actor: "worker", message_id: plan.message_id, thread_id: plan.thread_id, key: action.key }, now);
  return reply(action, record, false, state);
}

/** Signs through the signer and writes the signature to the audit chain: shared by the worker and the approval relay. */
export async function signAndRecord(
  ssh: Pick<SshExecuteDeps, "signatures"> & { signer: SshSigner },
  grant: Pick<SshCertificateAction, "public_key" | "principals" | "ttl_seconds" | "role" | "route_id" | "requester" | "key_fingerprint">,
  context: Parameters<SignatureLog["add"]>[1],
  now: Date,
  approver?: string,
): Promise<SignatureRecord> {
  const signed = await ssh.signer.sign({ publicKey: grant.public_key, principals: grant.principals, ttlSeconds: grant.ttl_seconds, role: grant.role, keyId: keyIdFor(grant) });
  const record: SignatureRecord = {
    serial: signed.serial,
    key_fingerprint: grant.key_fingerprint,
    principals: signed.principals,
    ttl_seconds: grant.ttl_seconds,
    valid_before: signed.validBefore,
    requester: grant.requester,
    route_id: grant.route_id,
    ...(approver ? { approver } : {}),
    signer: ssh.signer.kind,
    certificate: signed.certificate,
    at: now.toISOString(),
  };
  await ssh.signatures.add(record, context);
  return record;
}

/** The certificate's key id: who asked, for which route; sshd logs it on every login. */
export function keyIdFor(grant: Pick<SshCertificateAction, "route_id" | "requester">): string {
  return `ops-warden:${grant.route_id}:${grant.requester.replace(/[^A-Za-z0-9._@-]/g, "_").slice(0, 100)}`;
}

async function reply(action: SshCertificateAction, record: SignatureRecord, again: boolean, state: TickState): Promise<ActionOutcome> {
  const sent = await state.deps.hub.send({ ...action.reply, body: renderCertificateReply(record, again) }, action.key);
  return outcome("executed", again ? "already-done" : "signed", { hub_message: sent.id, reason: `serial ${record.serial}, valid until ${record.valid_before}` });
}

async function openApprovalRequest(action: SshCertificateAction, state: TickState): Promise<ActionOutcome> {
  const issue = action.approval_issue;
  if (!issue) throw new UsageError("no approval issue to open");
  const work = await state.ownWork();
  const existing = work.issueFor(action.key);
  if (existing) return outcome("skipped", "already-done", { url: existing.url });
  const created = await state.deps.github.createIssue({ title: issue.title, body: issue.body, labels: issue.labels });
  work.add("issue", created);
  return outcome("executed", "created", { url: created.url });
}
