/**
 * Private key material recognised by its body, whatever header (a wrong one, an oddly spaced
 * one, none) is around it: the base64 is decoded and its first bytes must be the DER structure
 * of a private key — PKCS#1 (RSA, DSA), PKCS#8 (any algorithm), SEC1 (EC), encrypted PKCS#8 —
 * or the `openssh-key-v1` magic, or an OpenPGP secret-key packet. Certificates, public keys and
 * CSRs start differently (a SEQUENCE inside the SEQUENCE, not a version INTEGER), so they pass.
 *
 * Linear: a candidate is only a base64 run starting with a byte such a structure can start
 * with; each is decoded over at most PROBE characters, and the scan resumes after its body.
 */
import type { SecretFinding } from "../../domain/secrets.ts";

/** Base64 characters decoded to recognise a key: 24 bytes reach past a PBES OID. */
const PROBE = 32;
const MIN_BODY = 40;
/**
 * How a key body can start: a DER SEQUENCE (0x30 → 'M', and the length byte makes the second
 * character A–I), "openssh-key-v1" ('b3Bl'), or an OpenPGP packet ('l', 'x') — those in a
 * base64 run of 16+ characters, which prose words are not.
 */
const CANDIDATE_START = /(?<![A-Za-z0-9+/=])(?:M[A-I][A-Za-z0-9+/]{2}|b3Bl|[lx][A-Za-z0-9+/]{15})/g;
/** Base64 value + 1 of each ASCII code (0: not base64; `=` padding counts as 0). */
const B64 = new Uint8Array(128);
[..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].forEach((c, i) => (B64[c.charCodeAt(0)] = i + 1));
B64[61] = 1;
const OPENSSH_MAGIC = Buffer.from("openssh-key-v1\0", "latin1");
/** 1.2.840.113549.1.5 (PKCS#5 PBES) and 1.2.840.113549.1.12 (PKCS#12 PBE): encrypted PKCS#8. */
const PBE_OIDS = [Buffer.from("2a864886f70d0105", "hex"), Buffer.from("2a864886f70d010c", "hex")];

export function scanPrivateKeyBodies(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  CANDIDATE_START.lastIndex = 0;
  for (let m = CANDIDATE_START.exec(text); m; m = CANDIDATE_START.exec(text)) {
    // Only the probe is read for a candidate that is not a key: the walk stays bounded.
    const probe = walkBase64(text, m.index, PROBE);
    if (probe.count < PROBE || !isPrivateKeyDer(decodeProbe())) continue;
    const body = walkBase64(text, m.index, Number.POSITIVE_INFINITY);
    if (body.count < MIN_BODY) continue;
    out.push({ rule: "warden/private-key", start: m.index, end: body.end });
    CANDIDATE_START.lastIndex = body.end;
  }
  return out;
}

/** The probe's base64 values and its decoded bytes, reused across candidates (no allocation per candidate). */
const probeValues = new Uint8Array(PROBE);
const probeBytes = Buffer.alloc((PROBE / 4) * 3);

/**
 * Counts up to `limit` base64 characters from `start` (the first PROBE kept in `probeValues`),
 * across line breaks, spaces and literal `\n` (a key pasted from JSON), up to the first other
 * character, a blank line or a header line.
 */
function walkBase64(text: string, start: number, limit: number): { count: number; end: number } {
  let count = 0;
  let end = start;
  let i = start;
  while (i < text.length && count < limit) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? B64[code] : 0;
    if (value !== undefined && value > 0) {
      if (count < PROBE) probeValues[count] = value - 1;
      count++;
      end = ++i;
      continue;
    }
    if (code === 32 || code === 9 || code === 13 || code === 10) i++;
    else if (code === 92 && (text[i + 1] === "n" || text[i + 1] === "r")) i += 2;
    else break;
    if (text[i] === "-" || (code === 10 && text[i] === "\n")) break;
  }
  return { count, end };
}

function decodeProbe(): Buffer {
  for (let q = 0; q < PROBE / 4; q++) {
    const [a, b, c, d] = [probeValues[q * 4] ?? 0, probeValues[q * 4 + 1] ?? 0, probeValues[q * 4 + 2] ?? 0, probeValues[q * 4 + 3] ?? 0];
    probeBytes[q * 3] = (a << 2) | (b >> 4);
    probeBytes[q * 3 + 1] = ((b & 15) << 4) | (c >> 2);
    probeBytes[q * 3 + 2] = ((c & 3) << 6) | d;
  }
  return probeBytes;
}

export function isPrivateKeyDer(bytes: Buffer): boolean {
  if (bytes.subarray(0, OPENSSH_MAGIC.length).equals(OPENSSH_MAGIC)) return true;
  if (isPgpSecretKeyPacket(bytes)) return true;
  if (bytes[0] !== 0x30) return false;
  const inner = afterLength(bytes, 1);
  if (inner === undefined) return false;
  // PKCS#1, PKCS#8, SEC1, DSA: a version INTEGER 0 or 1 first.
  if (bytes[inner] === 0x02 && bytes[inner + 1] === 0x01 && (bytes[inner + 2] === 0x00 || bytes[inner + 2] === 0x01)) {
    const next = bytes[inner + 3];
    return next === 0x02 || next === 0x30 || next === 0x04;
  }
  // Encrypted PKCS#8: SEQUENCE { SEQUENCE { OID pbes…, … }, OCTET STRING }.
  if (bytes[inner] !== 0x30) return false;
  const algorithm = afterLength(bytes, inner + 1);
  if (algorithm === undefined || bytes[algorithm] !== 0x06) return false;
  const oid = bytes.subarray(algorithm + 2, algorithm + 2 + 8);
  return PBE_OIDS.some((prefix) => oid.equals(prefix));
}

/** Offset of the content after a DER length starting at `at`, or undefined if it is not one. */
function afterLength(bytes: Buffer, at: number): number | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return at + 1;
  const count = first & 0x7f;
  return count >= 1 && count <= 3 ? at + 1 + count : undefined;
}

/** An OpenPGP secret-key packet (tag 5) in the old or new format, version 3 to 6. */
function isPgpSecretKeyPacket(bytes: Buffer): boolean {
  const tag = bytes[0];
  if (tag === undefined) return false;
  const version = (at: number) => (bytes[at] ?? 0) >= 3 && (bytes[at] ?? 0) <= 6;
  if ((tag & 0xfc) === 0x94) return version(1 + [1, 2, 4, 0][tag & 0x03]!);
  if (tag === 0xc5) return (bytes[1] ?? 255) < 192 ? version(2) : version(3);
  return false;
}
