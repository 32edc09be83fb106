/**
 * Private keys announced by their armour: a PEM `… PRIVATE KEY[ BLOCK]` header (RSA, EC, DSA,
 * OPENSSH, ENCRYPTED, PGP …) up to its END line, or to the end of the text when truncated, and
 * PuTTY key files. A header over a placeholder body is not a key. Bodies without (or with a
 * misspelt) header are recognised by their DER structure in private-key-body.ts.
 *
 * Linear: the header pattern has no nested or overlapping quantifiers (a dash run is entered
 * only at its first dash), and END lines are found once for the whole text.
 */
import type { SecretFinding } from "../../domain/secrets.ts";

const HEADER = /(?<!-)-{3,}[ \t]*BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?[ \t]*-{3,}/g;
const END_LINE = /(?<!-)-{3,}[ \t]*END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?[ \t]*-*/g;
const PUTTY_BODY = "Private-Lines:";
const PUTTY_HEADER = "PuTTY-User-Key-File-";
/** Longest key body read after a header that has no END line. */
const MAX_BODY = 16_384;

export function scanArmouredPrivateKeys(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  if (text.includes("PRIVATE KEY")) out.push(...pemKeys(text));
  if (text.includes(PUTTY_BODY)) out.push(...puttyKeys(text));
  return out;
}

function pemKeys(text: string): SecretFinding[] {
  const headers = spans(HEADER, text);
  const ends = spans(END_LINE, text);
  const out: SecretFinding[] = [];
  let next = 0;
  let covered = 0;
  for (const [i, header] of headers.entries()) {
    if (header.start < covered) continue;
    // A body runs to its END line, the next header or MAX_BODY: each character is read once.
    while (next < ends.length && (ends[next]?.start ?? 0) < header.end) next++;
    const endLine = ends[next];
    const limit = Math.min(text.length, header.end + MAX_BODY, headers[i + 1]?.start ?? text.length);
    const bodyEnd = endLine && endLine.start <= limit ? endLine.start : limit;
    if (!/[A-Za-z0-9+/=]{16}/.test(text.slice(header.end, bodyEnd))) continue;
    covered = endLine && endLine.start === bodyEnd ? endLine.end : bodyEnd;
    out.push({ rule: "warden/private-key", start: header.start, end: covered });
  }
  return out;
}

function spans(pattern: RegExp, text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push({ start: m.index, end: m.index + m[0].length });
  return found;
}

function puttyKeys(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  let headerSearchFrom = 0;
  for (let at = text.indexOf(PUTTY_BODY); at >= 0; at = text.indexOf(PUTTY_BODY, at + PUTTY_BODY.length)) {
    const header = text.indexOf(PUTTY_HEADER, headerSearchFrom);
    if (header < 0 || header > at) continue;
    const body = /^\s*\d+\s+([A-Za-z0-9+/=\s]{16,})/.exec(text.slice(at + PUTTY_BODY.length, at + PUTTY_BODY.length + MAX_BODY));
    if (!body) continue;
    const end = at + PUTTY_BODY.length + body[0].length;
    out.push({ rule: "warden/private-key", start: header, end });
    headerSearchFrom = end;
  }
  return out;
}
