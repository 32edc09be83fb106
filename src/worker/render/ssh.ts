import { z } from "zod";
import type { Message } from "../../domain/message.ts";
import type { SignatureRecord } from "../../domain/ssh.ts";
import { formatDuration } from "../../domain/ssh.ts";
import { inlineCode } from "../../domain/text-safety.ts";
import type { IssueDraft } from "./issue.ts";
import { renderMarker } from "./marker.ts";

/**
 * What ops-warden writes for its SSH lane: the approval-request issue (from code-owned and
 * checked fields only: the route, principals and TTL the judge granted, the re-serialised public
 * key, its fingerprint and the hub-authenticated sender) and the reply carrying a certificate.
 */

/** How long a maintainer's approval may take before the request must be asked again. */
export const APPROVAL_TTL_MS = 24 * 3600 * 1000;

const APPROVAL_PREFIX = "<!-- ops-warden:ssh-approval ";
const SUFFIX = " -->";

/** The request a maintainer approves, exactly: an approval is for these fields and nothing else. */
export const ApprovalRequestSchema = z
  .object({
    route_id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    principals: z.array(z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/)).min(1),
    ttl_seconds: z.number().int().positive(),
    key_fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/),
    public_key: z.string().regex(/^[a-z0-9-]+ AAAA[A-Za-z0-9+/]+={0,3}$/),
    /** The OpenBao role of the route when the request was made. */
    role: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
    requester: z.string().min(1).max(200),
    requested_at: z.iso.datetime({ offset: true }),
  })
  .strict();
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

export function renderApprovalIssue(request: ApprovalRequest, key: string, message: Pick<Message, "id" | "thread_id" | "from_agent">, labels: readonly string[]): IssueDraft {
  const body = [
    "An agent asks ops-warden for an SSH certificate on a route that needs a maintainer's approval.",
    "",
    `- **Route:** ${inlineCode(request.route_id, 80)}`,
    `- **Principals:** ${inlineCode(request.principals.join(", "), 200)}`,
    `- **TTL:** ${inlineCode(formatDuration(request.ttl_seconds), 20)}`,
    `- **Key fingerprint:** ${inlineCode(request.key_fingerprint, 80)}`,
    `- **Requester:** ${inlineCode(request.requester, 60)} · message ${inlineCode(message.id, 60)} · thread ${inlineCode(message.thread_id, 60)}`,
    `- **Requested at:** ${request.requested_at} (an approval is accepted for 24 h)`,
    "",
    "Check the request with the requester's team, then comment:",
    "",
    "- `/warden approve` — ops-warden signs exactly this key, for these principals and this TTL, and replies with the certificate in the requester's thread;",
    "- `/warden deny <reason>` — the requester is told the request was declined.",
    "",
    "Only people with write, maintain or admin permission on this repository can approve or deny.",
    "",
    `${APPROVAL_PREFIX}${JSON.stringify(request)}${SUFFIX}`,
    renderMarker({ key, message_id: message.id, thread_id: message.thread_id, from_agent: message.from_agent }),
  ].join("\n");
  return {
    title: `[ops-warden] SSH approval: ${request.route_id} for ${request.requester.replace(/[^A-Za-z0-9._-]/g, "?")}`.slice(0, 100),
    body,
    labels: [...labels, "ssh-approval"],
  };
}

/** The approval request of an issue body; undefined when there is none or it is malformed. */
export function readApprovalRequest(body: string): ApprovalRequest | undefined {
  const start = body.lastIndexOf(APPROVAL_PREFIX);
  const end = start < 0 ? -1 : body.indexOf(SUFFIX, start + APPROVAL_PREFIX.length);
  if (end < 0) return undefined;
  try {
    const parsed = ApprovalRequestSchema.safeParse(JSON.parse(body.slice(start + APPROVAL_PREFIX.length, end)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The reply with a certificate: the certificate line, what it allows, until when, and how to save it. */
export function renderCertificateReply(record: SignatureRecord, again: boolean): string {
  return [
    again
      ? `You already hold a valid certificate for this key on route ${record.route_id}; here it is again (one certificate per key and route at a time).`
      : `Signed: an SSH user certificate for route ${record.route_id}.`,
    "",
    `Principals: ${record.principals.join(", ")}`,
    `Valid until: ${record.valid_before} (TTL ${formatDuration(record.ttl_seconds)})`,
    `Serial: ${record.serial}`,
    `Key: ${record.key_fingerprint}`,
    ...(record.approver ? [`Approved by: ${record.approver}`] : []),
    "",
    "Save the line below beside your key as <key>-cert.pub (for ~/.ssh/id_ed25519: ~/.ssh/id_ed25519-cert.pub); ssh offers it with the key. Check it with `ssh-keygen -L -f <key>-cert.pub`.",
    "",
    record.certificate,
  ].join("\n");
}
