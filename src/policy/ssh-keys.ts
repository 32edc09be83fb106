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

/** An OpenSSH public key or certificate line: type (with `-cert-v01@openssh.com`), then base64. */
const PUBLIC_LINE = new RegExp(String.raw`(?<![\w-])(?:${KEY_TYPES.join("|")})(?:-cert-v01@openssh\.com)?\s+AAAA[A-Za-z0-9+/]{20,16384}={0,3}(?![A-Za-z0-9+/=])`, "g");

/**
 * Spans of `text` that are well-formed OpenSSH public keys or certificates (sshpk parses them).
 * Their base64 is public by definition (sent in clear in every SSH handshake) but random enough
 * to look like a token to a detector: findings wholly inside such a span are not secrets.
 */
export function publicKeySpans(text: string): { start: number; end: number }[] {
  if (!text.includes("AAAA")) return [];
  const spans: { start: number; end: number }[] = [];
  for (const m of text.slice(0, 256 * 1024).matchAll(PUBLIC_LINE)) {
    if (isPublicMaterial(m[0])) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

function isPublicMaterial(line: string): boolean {
  try {
    if (/-cert-v01@openssh\.com\s/.test(line)) sshpk.parseCertificate(line, "openssh");
    else sshpk.parseKey(line, "ssh");
    return true;
  } catch {
    return false;
  }
}

/** `findings` without those wholly inside a public key or certificate of `text`. */
export function withoutPublicKeyMaterial<T extends { start: number; end: number }>(text: string, findings: T[]): T[] {
  if (findings.length === 0) return findings;
  const spans = publicKeySpans(text);
  if (spans.length === 0) return findings;
  return findings.filter((f) => !spans.some((s) => f.start >= s.start && f.end <= s.end));
}
