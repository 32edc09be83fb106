import type { Catalog } from "../../domain/catalog.ts";
import { actionKey } from "../../domain/keys.ts";
import { judgeIssueSshCertificate } from "../../policy/judge/issue-ssh-certificate.ts";
import { messageKey } from "../../policy/ssh-keys.ts";
import type { SignatureRecord } from "../../domain/ssh.ts";
import { formatDuration } from "../../domain/ssh.ts";
import { signAndRecord } from "../execute/sign.ts";
import type { Marker } from "../render/marker.ts";
import type { ApprovalRequest } from "../render/ssh.ts";
import { APPROVAL_TTL_MS, readApprovalRequest, renderCertificateReply } from "../render/ssh.ts";
import type { RelayDeps, RelayResult } from "./context.ts";
import { ignored } from "./context.ts";
import { deliver } from "./deliver.ts";
import { quoteRules } from "./context.ts";
import { quoteMaintainer } from "./quote.ts";
import type { CommentCreated } from "./events.ts";
import { isMaintainer } from "./maintainers.ts";
import { answerOnce } from "./notice.ts";
import { isBot, trustMarker } from "./trust.ts";

export const APPROVAL_REFUSAL =
  "Sorry, only people with write, maintain or admin permission on this repository can approve or deny an SSH certificate request. Nothing was signed.";

const DECISION = "<!-- ops-warden:ssh-decision -->";

/**
 * `/warden approve` and `/warden deny [reason]` on an SSH approval-request issue, decided in the
 * relay. The request is read from the marker of the bot's own issue body (never from a comment):
 * an approval signs exactly that key, for those principals and that TTL, and only within 24 h of
 * the request. A maintainer's permission is asked of the API. Once decided, the issue takes no
 * other decision; a repeated approve sends the same certificate again, never a second one.
 */
export async function relayApprovalCommand(event: CommentCreated, verb: "approve" | "deny", rest: string, deps: RelayDeps): Promise<RelayResult> {
  const { comment, issue } = event;
  const trust = trustMarker(issue.body, issue.user, event.repository.full_name, deps.settings);
  if (!trust.trusted) return ignored(trust.reason);
  const request = readApprovalRequest(issue.body ?? "");
  if (!request) return ignored("not an SSH approval request");
  if (!(await isMaintainer(comment.user.login, deps))) {
    await answerOnce(issue.number, comment.id, APPROVAL_REFUSAL, deps);
    return { outcome: "refused", reason: `${comment.user.login} lacks write permission` };
  }
  const decided = (await deps.forge.listComments(issue.number)).find((c) => c.body.includes(DECISION) && isBot({ login: c.author.login, type: c.author.bot ? "Bot" : "User" }, deps.settings));
  if (decided) return refuse(issue.number, comment.id, `This request was already decided (${decided.url}); nothing changed.`, deps);
  if (deps.now().getTime() - Date.parse(request.requested_at) > APPROVAL_TTL_MS) {
    return refuse(issue.number, comment.id, "This request is older than 24 hours and can no longer be approved or denied; the requester must ask again. Nothing was signed.", deps);
  }
  const { marker } = trust;
  const key = actionKey(marker.message_id, "ssh_decision", String(issue.number));
  if (verb === "deny") {
    const reason = rest.trim() === "" ? ["They gave no reason."] : ["Their reason:", await quoteMaintainer(rest, quoteRules(deps))];
    const body = [`Your SSH certificate request for route ${request.route_id} (key ${request.key_fingerprint}, ${request.principals.join(",")}, ${formatDuration(request.ttl_seconds)}) was declined by a maintainer (${comment.user.login}) on ${issue.html_url}.`, "", ...reason].join("\n");
    const result = await deliver(marker, { kind: "ssh_denied", key, subject: `Re: route ${request.route_id} (declined)`, body, link: { issue: issue.html_url } }, deps);
    await deps.forge.comment(issue.number, `Denied by ${comment.user.login}; the requester was told. ${DECISION}`);
    await deps.forge.reactToComment(comment.id, "+1");
    return result;
  }
  return approve(event, marker, request, key, deps);
}

/**
 * Signs, records, replies, then marks the issue decided. A certificate already in the log for
 * this key and route (a relay that crashed before replying) is sent instead of a second one.
 */
async function approve(event: CommentCreated, marker: Marker, request: ApprovalRequest, key: string, deps: RelayDeps): Promise<RelayResult> {
  const { comment, issue } = event;
  const ssh = deps.ssh;
  const now = deps.now();
  let record: SignatureRecord | undefined = await ssh?.signatures.findValid(request.key_fingerprint, request.route_id, now);
  if (!record) {
    if (!ssh?.signer) return refuse(issue.number, comment.id, `Not signed: ${ssh?.missingSigner || "the SSH lane is not configured in this relay"}`, deps);
    const problem = ssh.catalog ? policyProblem(request, await ssh.catalog()) : "the relay cannot read the catalog to check the route's policy";
    if (problem) return refuse(issue.number, comment.id, `Not signed: ${problem}`, deps);
    record = await signAndRecord({ signer: ssh.signer, signatures: ssh.signatures }, request, { actor: "relay", message_id: marker.message_id, thread_id: marker.thread_id, key }, now, comment.user.login);
  }
  const result = await deliver(marker, { kind: "ssh_signed", key, subject: `Re: route ${request.route_id}`, body: renderCertificateReply(record, false), link: { issue: issue.html_url } }, deps);
  await deps.forge.comment(issue.number, `Approved by ${comment.user.login}: signed serial ${record.serial}, valid until ${record.valid_before}; the certificate was sent to the requester. ${DECISION}`);
  await deps.forge.reactToComment(comment.id, "+1");
  return result;
}

/**
 * The request is judged again, as the worker judged it, against the route's policy as it is now:
 * a narrowed policy, or a request edited in the issue body, is not signed on an approval.
 */
function policyProblem(request: ApprovalRequest, catalog: Catalog): string | undefined {
  const action = { kind: "issue_ssh_certificate" as const, route_id: request.route_id, principals: request.principals, ttl: formatDuration(request.ttl_seconds), key_fingerprint: request.key_fingerprint };
  const judged = judgeIssueSshCertificate(action, { messageKey: messageKey(request.public_key), sender: request.requester }, catalog);
  if (!judged.checked) return `the request no longer fits the route's policy (${judged.verdict.reason})`;
  if (judged.checked.route.ssh.role !== request.role) return `the route's OpenBao role changed since the request (now ${judged.checked.route.ssh.role}); the requester must ask again`;
  return undefined;
}

async function refuse(issueNumber: number, commentId: number, text: string, deps: RelayDeps): Promise<RelayResult> {
  await answerOnce(issueNumber, commentId, text, deps);
  return { outcome: "refused", reason: text };
}
