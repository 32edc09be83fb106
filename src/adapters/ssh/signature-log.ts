import { holdsValid, signatureEvent, signatureFromEvent } from "../../audit/signatures.ts";
import type { AuditMode, AuditSink } from "../../domain/audit.ts";
import { auditEvent } from "../../domain/audit.ts";
import type { SignatureLog, SignatureRecord } from "../../domain/ssh.ts";
import { SIGN_ACTION } from "../../domain/ssh.ts";
import { readAuditEvents } from "../audit/events.ts";
import { readCertificate } from "./certificate.ts";

export interface AuditSignatureLogOptions {
  /** The audit trail's directory (read for earlier signatures). */
  dir: string;
  /** Where new signatures are written: the same chain every other event goes to. */
  sink: AuditSink;
  mode: AuditMode;
  tickId?: string | null;
  /**
   * Signatures recorded before this process by other runners: the audit branch (WARDEN_AUDIT_REF),
   * read once. A fresh Actions runner's local trail is empty, so without it a key could get a
   * second certificate while the first is still valid.
   */
  earlier?: () => Promise<readonly SignatureRecord[]>;
}

/**
 * The signatures log over the audit trail. Signatures recorded by this process are remembered
 * too, because a sink may buffer until the tick flushes: a second request in the same tick must
 * see the first certificate.
 */
export function auditSignatureLog(options: AuditSignatureLogOptions): SignatureLog & { all(): Promise<SignatureRecord[]> } {
  const recent: SignatureRecord[] = [];
  let earlier: Promise<readonly SignatureRecord[]> | undefined;
  const all = async (): Promise<SignatureRecord[]> => {
    const found = [...(await (earlier ??= options.earlier?.() ?? Promise.resolve([]))), ...(await readSignatures(options.dir)), ...recent];
    // One record per serial: the branch, the local trail and this process may each hold it.
    const bySerial = new Map<string, SignatureRecord>();
    for (const record of found) if (!bySerial.has(record.serial)) bySerial.set(record.serial, record);
    return [...bySerial.values()];
  };
  return {
    all,
    async findValid(keyFingerprint, routeId, now) {
      const valid = (await all()).filter((r) => holdsValid(r, keyFingerprint, routeId, now));
      return valid.sort((a, b) => Date.parse(b.valid_before) - Date.parse(a.valid_before))[0];
    },
    async add(record, context) {
      recent.push({ ...record, key: context.key });
      await options.sink.record(auditEvent(signatureEvent(record, context, options.mode, options.tickId ?? null)));
      // A signature is flushed at once: the certificate exists now, whatever happens to the tick.
      await options.sink.flush();
    },
  };
}

/** Every signature recorded in the audit trail under `dir`. */
export async function readSignatures(dir: string): Promise<SignatureRecord[]> {
  const found: SignatureRecord[] = [];
  const marker = `"kind":"${SIGN_ACTION}"`;
  for await (const event of readAuditEvents(dir, () => undefined, (text) => text.includes(marker))) {
    const record = signatureFromEvent(event);
    // A certificate that no longer reads back (damaged, or redacted by a detector) is never sent again.
    if (record && readCertificate(record.certificate)) found.push(record);
  }
  return found;
}
