/**
 * The check for text that must flow out (catalog values, playbook content, PR rationales, quoted
 * message lines): a NEW word — one the repository's catalog and playbooks do not already use —
 * that looks like a credential blocks it, whatever secret rule it evades. It does not need to
 * know the format: ≥ 8 characters of three character classes, a high-entropy run, a known token
 * prefix (also split by spaces or invisible characters), a hex or base64 blob.
 *
 * Words the catalog already uses (`id_ed25519`, host names, route ids) are not new, so the
 * check costs ordinary catalog edits nothing. Findings carry positions only, like the scanner's.
 */
import type { SecretFinding } from "../../domain/secrets.ts";
import { wordModel } from "../words/word-model.ts";
import { isHighEntropyToken } from "./entropy.ts";
import { normalizeWithOffsets } from "./normalize.ts";
import { scanSplitTokens } from "./split-tokens.ts";

export const CREDENTIAL_WORD_RULE = "warden/credential-shaped-word";

/** A word: a run without whitespace, without the quotes, brackets and sentence marks around it. */
const WORD = /[^\s]+/g;
const EDGE = /^[("'`«„“[{<*_~]+|[)"'`»“”\]}>*_~.,;:!?]+$/g;
/** Joiners of identifiers, paths and URLs: not a "symbol" class of their own. */
const JOINER = /[-_./:]/;
const HEX_BLOB = /^(?:0x)?[0-9a-f]{24,}$/i;
const BASE64_BLOB = /^[A-Za-z0-9+/]{24,}={0,2}$/;
const MIN_LENGTH = 8;
const MADE_UP_LETTERS = 10;

/** The words a body of repository text uses, for `findNewCredentialWords(…, known)`. */
export function wordsOf(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts) {
    const normalized = normalizeWithOffsets(text).text;
    for (const m of normalized.matchAll(WORD)) words.add(m[0].replace(EDGE, ""));
  }
  return words;
}

/** New credential-shaped words in `text`, as spans of `text` (normalised for matching first). */
export function findNewCredentialWords(text: string, known: ReadonlySet<string>): SecretFinding[] {
  const normalized = normalizeWithOffsets(text);
  const found: SecretFinding[] = [];
  for (const m of normalized.text.matchAll(WORD)) {
    const trimmed = m[0].replace(EDGE, "");
    if (trimmed.length === 0 || known.has(trimmed) || !isCredentialShaped(trimmed)) continue;
    const lead = m[0].indexOf(trimmed);
    found.push(span(normalized, m.index + lead, m.index + lead + trimmed.length));
  }
  for (const split of scanSplitTokens(normalized.text)) found.push(span(normalized, split.start, split.end));
  for (const run of chunkRuns(normalized.text)) found.push(span(normalized, run.start, run.end));
  return found.sort((a, b) => a.start - b.start);
}

/** A piece of a value cut into groups: short and without spaces. */
const CHUNK = /^[A-Za-z0-9+/=_.-]{3,12}$/;
const MIN_CHUNKS = 4;

/**
 * A value cut into groups ("9GvUX uCDj1 yLPst VrXKh …", hex in 8/8/8): each group is too short
 * to look like anything, so a run of groups of one length (the last may be shorter), most of
 * which do not read as words, is read joined, and counts when the joined text is
 * credential-shaped. Prose has words of every length, so it does not form such runs.
 */
function chunkRuns(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let run: { start: number; end: number; joined: string; count: number; valueLike: number; size: number } | undefined;
  const close = () => {
    if (run && run.count >= MIN_CHUNKS && run.valueLike * 2 > run.count && isCredentialShaped(run.joined)) out.push({ start: run.start, end: run.end });
    run = undefined;
  };
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (!CHUNK.test(word) || (run && word.length > run.size)) {
      close();
      if (!CHUNK.test(word)) continue;
    }
    if (!run) run = { start: m.index, end: m.index, joined: "", count: 0, valueLike: 0, size: word.length };
    run.end = m.index + word.length;
    run.joined += word;
    run.count += 1;
    if (readsAsValue(word)) run.valueLike += 1;
    // A shorter group ends the run: it is the value's last piece.
    if (word.length < run.size) close();
  }
  close();
  return out;
}

/** A digit, a capital after the first letter, a `+/=`, or all hex: not a word. */
function readsAsValue(word: string): boolean {
  return /\d|[+/=]/.test(word) || /.[A-Z]/.test(word) || /^[0-9a-f]{6,}$/i.test(word);
}

function span(normalized: ReturnType<typeof normalizeWithOffsets>, start: number, end: number): SecretFinding {
  const [s, e] = normalized.toOriginal(start, end);
  return { rule: CREDENTIAL_WORD_RULE, start: s, end: e };
}

/** Looks like a credential rather than a word, an identifier, a path or a version. */
export function isCredentialShaped(word: string): boolean {
  if (word.length < MIN_LENGTH) return false;
  if (isHighEntropyToken(word)) return true;
  // A long run of digits alone is a one-class secret (an unlock code, a PIN) no other test sees.
  if (/^\d{10,}$/.test(word)) return true;
  if (HEX_BLOB.test(word) && /\d/.test(word) && /[a-f]/i.test(word)) return true;
  if (BASE64_BLOB.test(word) && /\d/.test(word) && /[A-Z]/.test(word) && /[a-z]/.test(word)) return true;
  if (characterClasses(word) >= 3 && !isVersionLike(word)) return true;
  // Two classes are enough inside one identifier segment when the shape is a generated one;
  // hex cut by dashes (`3f2b…-…`) is read joined.
  const dehyphened = word.replace(/-/g, "");
  if (dehyphened !== word && /^[0-9a-f]{24,}$/i.test(dehyphened) && /\d/.test(dehyphened) && /[a-f]/i.test(dehyphened)) return true;
  if (word.split(JOINERS).some(isGeneratedSegment)) return true;
  // A run of letters in any case that no word model of the claimed languages would produce;
  // from ten letters on, so that a short odd name (a host, a team) is not taken for a value.
  return wordModel().isMadeUp(word, MADE_UP_LETTERS);
}

const JOINERS = new RegExp(`${JOINER.source}+`);
const HEX_RUN = /[0-9a-f]{16,}/i;

/**
 * One segment of an identifier that reads as generated, not named: a long hex run (`svc-<hex>`,
 * dashed hex), base32 (`W7WOMMEBX2UW…`: capitals and digits), or lower case and digits
 * alternating (`lrxvi0917lpmut`) — where names have one letters-then-digits step (`ubuntu2204`).
 */
function isGeneratedSegment(segment: string): boolean {
  const hex = HEX_RUN.exec(segment)?.[0];
  if (hex && /\d/.test(hex) && /[a-f]/i.test(hex)) return true;
  const digits = (segment.match(/\d/g) ?? []).length;
  if (/^[A-Z2-7]{16,}=*$/.test(segment) && digits >= 2) return true;
  if (segment.length >= 10 && /^[a-z0-9]+$/.test(segment) && digits >= 2 && (segment.match(/[a-z]+|\d+/g) ?? []).length >= 3) return true;
  return false;
}

function characterClasses(word: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let symbol = 0;
  for (const c of word) {
    if (c >= "a" && c <= "z") lower = 1;
    else if (c >= "A" && c <= "Z") upper = 1;
    else if (c >= "0" && c <= "9") digit = 1;
    else if (!JOINER.test(c)) symbol = 1;
  }
  return lower + upper + digit + symbol;
}

/** `v1.24.3-rc1`, `2026-11-22T08:00:00Z`: a version or a timestamp, not a secret. */
function isVersionLike(word: string): boolean {
  return /^v?\d+(?:\.\d+)+(?:[-+][\w.]+)?$/i.test(word) || /^\d{4}-\d\d-\d\d(?:T[\d:.]+Z?)?$/.test(word);
}
