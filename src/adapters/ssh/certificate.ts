import sshpk from "sshpk";
import type { SignedCertificate } from "../../domain/ssh.ts";

/**
 * Reads an OpenSSH user certificate line back: what it really allows, from the certificate
 * itself, so the reply and the signatures log say what was signed, not what was asked.
 */
export function readCertificate(line: string): Omit<SignedCertificate, "serial"> & { serial: string } | undefined {
  try {
    const cert = sshpk.parseCertificate(line, "openssh");
    if (cert.subjects.some((s) => s.type !== "user")) return undefined;
    const sig = (cert.signatures as { openssh?: { keyId?: string } }).openssh;
    return {
      certificate: line.split(/\s+/).slice(0, 2).join(" "),
      serial: BigInt(`0x${Buffer.from(cert.serial).toString("hex") || "0"}`).toString(),
      principals: cert.subjects.map((s) => String(s.uid)),
      validAfter: cert.validFrom.toISOString(),
      validBefore: cert.validUntil.toISOString(),
      keyId: sig?.keyId ?? "",
    };
  } catch {
    return undefined;
  }
}
