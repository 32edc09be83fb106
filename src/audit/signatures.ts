import type { AuditEvent, AuditEventInput, AuditMode } from "../domain/audit.ts";
import type { SignatureContext, SignatureRecord } from "../domain/ssh.ts";
import { SIGN_ACTION } from "../domain/ssh.ts";

/**
 * The signatures log lives in the audit chain: one `sign` event per certificate. Audit detail
 * values are at most 2,000 characters, so a long certificate line (RSA keys) is kept in pieces.
 * Nothing here is secret: a certificate is as public as the key it certifies.
 */
const PIECE = 1900;

export function signatureEvent(record: SignatureRecord, context: SignatureContext, mode: AuditMode, tickId: string | null): AuditEventInput {
  const pieces: Record<string, string> = {};
  for (let i = 0; i * PIECE < record.certificate.length; i += 1) pieces[`certificate_${i}`] = record.certificate.slice(i * PIECE, (i + 1) * PIECE);
  return {
    at: record.at,
    actor: context.actor,
    mode,
    outcome: "executed",
    tick_id: tickId,
    message_id: context.message_id,
    thread_id: context.thread_id,
    action: { kind: SIGN_ACTION, key: context.key },
    rule: "signed",
    reason: `serial ${record.serial} for ${record.principals.join(",")} until ${record.valid_before}`,
    detail: {
      serial: record.serial,
      key_fingerprint: record.key_fingerprint,
      principals: record.principals.join(","),
      ttl_seconds: record.ttl_seconds,
      valid_before: record.valid_before,
      requester: record.requester,
      route_id: record.route_id,
      approver: record.approver ?? null,
      signer: record.signer,
      ...pieces,
    },
  };
}

/** The record a `sign` event holds; undefined for any other event or a damaged one. */
export function signatureFromEvent(event: AuditEvent): SignatureRecord | undefined {
  if (event.action?.kind !== SIGN_ACTION || event.outcome !== "executed") return undefined;
  const d = event.detail;
  const text = (name: string) => (typeof d[name] === "string" ? (d[name] as string) : undefined);
  let certificate = "";
  for (let i = 0; text(`certificate_${i}`) !== undefined; i += 1) certificate += text(`certificate_${i}`);
  const [serial, fp, principals, validBefore, requester, routeId, signer] = ["serial", "key_fingerprint", "principals", "valid_before", "requester", "route_id", "signer"].map(text);
  if (!serial || !fp || !principals || !validBefore || !requester || !routeId || !signer || certificate === "" || typeof d.ttl_seconds !== "number") return undefined;
  const approver = text("approver");
  return { serial, key_fingerprint: fp, principals: principals.split(","), ttl_seconds: d.ttl_seconds, valid_before: validBefore, requester, route_id: routeId, signer, certificate, at: event.at, key: event.action.key, ...(approver ? { approver } : {}) };
}

/** Still valid at `now`, for this key and route. */
export function holdsValid(record: SignatureRecord, keyFingerprint: string, routeId: string, now: Date): boolean {
  return record.key_fingerprint === keyFingerprint && record.route_id === routeId && Date.parse(record.valid_before) > now.getTime();
}
