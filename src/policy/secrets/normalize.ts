/**
 * Undoes the cheap disguises a human reader does not see, so a scan reads what the reader reads:
 * invisible characters, combining marks, compatibility forms (full-width, ligatures, math letters)
 * and Cyrillic/Greek look-alikes of Latin letters.
 */

/**
 * Characters that render as nothing: zero-width joiners and spaces, bidi controls, soft hyphen,
 * variation selectors, Unicode tag characters (used to hide text from humans) and Hangul fillers.
 * The class lists combining variation selectors on purpose: they are what we strip.
 */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u00AD\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|[\u{E0000}-\u{E007F}]|[\u{E0100}-\u{E01EF}]/u;
/** Non-spacing and enclosing marks: "pa\u0301ssword" and NFKD-decomposed accents both vanish. */
const MARK = /^[\p{Mn}\p{Me}]$/u;

/** Look-alike letters folded to their Latin twin (NFKD does not do this; they are distinct letters). */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  а: "a", е: "e", о: "o", р: "p", с: "c", у: "y", х: "x", і: "i", ј: "j", ѕ: "s", һ: "h", ԁ: "d", ԛ: "q", ԝ: "w",
  А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", Х: "X", І: "I", Ј: "J", Ѕ: "S",
  α: "a", ο: "o", ρ: "p", ν: "v", κ: "k", ι: "i", τ: "t", υ: "u",
  Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X",
  ı: "i", ȷ: "j", ℓ: "l",
};

const NON_ASCII = /[\u0080-\uFFFF]/;

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
  return normalizeWithOffsets(text).text;
}

export function normalizeWithOffsets(original: string): NormalizedText {
  // Fast path: plain ASCII is already in normal form, and most messages are plain ASCII.
  if (!NON_ASCII.test(original)) return { text: original, toOriginal: (start, end) => [start, end] };
  let text = "";
  // For each UTF-16 unit of `text`: where its source code point starts and ends in `original`.
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  for (const codePoint of original) {
    const next = index + codePoint.length;
    const folded = fold(codePoint);
    for (let i = 0; i < folded.length; i++) {
      from.push(index);
      to.push(next);
    }
    text += folded;
    index = next;
  }
  return {
    text,
    toOriginal(start, end) {
      if (text.length === 0) return [0, original.length];
      const first = from[Math.min(start, text.length - 1)] ?? 0;
      const last = end > start ? (to[Math.min(end, text.length) - 1] ?? original.length) : first;
      return [first, last];
    },
  };
}

function fold(codePoint: string): string {
  if (INVISIBLE.test(codePoint)) return "";
  const homoglyph = HOMOGLYPHS[codePoint];
  if (homoglyph !== undefined) return homoglyph;
  if (codePoint.charCodeAt(0) < 0x80) return codePoint;
  let out = "";
  for (const part of codePoint.normalize("NFKD")) {
    if (!MARK.test(part)) out += HOMOGLYPHS[part] ?? part;
  }
  return out;
}
