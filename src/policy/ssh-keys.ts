import sshpk from "sshpk";
import type { SshPublicKeyInfo } from "../domain/ssh.ts";

/**
 * Reading OpenSSH public keys out of untrusted text. sshpk parses; this module decides what
 * counts as one key and which keys are strong enough to sign. Pure computation, no I/O.
 */

/** Key types a certificate may be made for, by their OpenSSH names. */
const KEY_TYPES = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss"];

/** One candidate key line: the type, then a base64 body (the comment, if any, is not kept). */
const KEY_LINE = new RegExp(String.raw`(?<![\w-])(${KEY_TYPES.join("|")})\s+(AAAA[A-Za-z0-9+/]{20,16384}={0,3})(?![A-Za-z0-9+/=])`, "g");

/** Text that holds private key material: a PEM or OpenSSH private key block, or PuTTY's format. */
const PRIVATE_KEY = /-----BEGIN (?:OPENSSH |RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----|PuTTY-User-Key-File-/;

export const RSA_MIN_BITS = 3072;

/** The distinct public key lines in `text` (type and body, comment dropped), in order. */
export function findPublicKeyLines(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.slice(0, 256 * 1024).matchAll(KEY_LINE)) seen.add(`${m[1]} ${m[2]}`);
  return [...seen];
}

export function looksLikePrivateKey(text: string): boolean {
  return PRIVATE_KEY.test(text);
}

/** Parses one public key line; undefined when it is not a well-formed OpenSSH public key. */
export function readPublicKey(line: string): SshPublicKeyInfo | undefined {
  try {
    const key = sshpk.parseKey(line, "ssh");
    return { type: key.type, bits: key.size, fingerprint: key.fingerprint("sha256").toString(), line: key.toString("ssh").split(" ").slice(0, 2).join(" ") };
  } catch {
    return undefined;
  }
}

/** Why this key is not signed, naming the fix; undefined when it is strong enough. */
export function keyStrengthProblem(key: SshPublicKeyInfo): string | undefined {
  const fix = "make a new key with `ssh-keygen -t ed25519` and send its .pub";
  if (key.type === "dsa") return `DSA keys are not signed (weak and disabled in OpenSSH); ${fix}`;
  if (key.type === "rsa" && key.bits < RSA_MIN_BITS) return `an RSA key of ${key.bits} bits is too weak (at least ${RSA_MIN_BITS}); ${fix}`;
  if (!["ed25519", "ecdsa", "rsa"].includes(key.type)) return `a ${key.type} key is not a type ops-warden signs; ${fix}`;
  return undefined;
}

/** The one key a message carries, or why there is not exactly one. */
export type MessageKey = { key: SshPublicKeyInfo } | { problem: string };

export function messageKey(text: string): MessageKey {
  const lines = findPublicKeyLines(text);
  if (lines.length === 0) return { problem: "the message carries no OpenSSH public key; reply with the one line of your .pub file" };
  if (lines.length > 1) return { problem: `the message carries ${lines.length} public keys; send exactly one per request` };
  const key = readPublicKey(lines[0] as string);
  return key ? { key } : { problem: "the public key in the message does not parse; paste the whole line of your .pub file" };
}
