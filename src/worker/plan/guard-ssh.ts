import type { IssueSshCertificate } from "../../domain/action.ts";
import { actionKey } from "../../domain/keys.ts";
import type { Message, OutgoingMessage } from "../../domain/message.ts";
import type { SshApproval } from "../../domain/ssh.ts";
import { judgeIssueSshCertificate } from "../../policy/judge/issue-ssh-certificate.ts";
import { messageKey } from "../../policy/ssh-keys.ts";
import type { IssueDraft } from "../render/issue.ts";
import { replyEnvelope } from "../render/reply.ts";
import { renderApprovalIssue } from "../render/ssh.ts";
import type { PlanContext } from "./context.ts";
import type { Guarded } from "./guarded.ts";
import { fromVerdict } from "./guarded.ts";

/**
 * The run action of ops-warden's own lane. Every field is code-owned: the route, principals and
 * TTL the judge granted, the public key as sshpk re-serialised it (no comment), the sender.
 * `reply` is the envelope of the answer; the executor writes its body around the certificate.
 */
export interface SshCertificateRun {
  kind: "issue_ssh_certificate";
  route_id: string;
  principals: string[];
  ttl_seconds: number;
  key_fingerprint: string;
  public_key: string;
  role: string;
  requester: string;
  approval: SshApproval;
  reply: OutgoingMessage;
  /** `approval: maintainer`: the approval-request issue opened instead of signing. */
  approval_issue?: IssueDraft;
}

/** issue_ssh_certificate: judged against the key the message carries and the route's ssh: policy. */
export function guardSshCertificate(action: IssueSshCertificate, message: Message, ctx: PlanContext): Guarded {
  const kind = action.kind;
  const judged = judgeIssueSshCertificate(action, { messageKey: messageKey(message.body), sender: message.from_agent }, ctx.judge.catalog);
  if (!judged.checked) return fromVerdict(kind, judged.verdict);
  const { route, principals, ttlSeconds, key, approval } = judged.checked;
  const actionKeyValue = actionKey(message.id, kind, `${route.id}\u0000${key.fingerprint}`);
  const effect: SshCertificateRun & { key: string } = {
    kind,
    key: actionKeyValue,
    route_id: route.id,
    principals,
    ttl_seconds: ttlSeconds,
    key_fingerprint: key.fingerprint,
    public_key: key.line,
    role: route.ssh.role,
    requester: message.from_agent,
    approval,
    reply: replyEnvelope(message, "", { route_id: route.id }),
  };
  if (approval === "maintainer") {
    const request = { route_id: route.id, principals, ttl_seconds: ttlSeconds, key_fingerprint: key.fingerprint, public_key: key.line, role: route.ssh.role, requester: message.from_agent, requested_at: requestedAt(message.created_at) };
    effect.approval_issue = renderApprovalIssue(request, actionKeyValue, message, ctx.config.labels.escalation);
  }
  return fromVerdict(kind, judged.verdict, effect);
}

/** When the 24 h approval window starts: the hub's time of the message, never later than now. */
function requestedAt(createdAt: string): string {
  return new Date(Math.min(Date.parse(createdAt), Date.now())).toISOString();
}
