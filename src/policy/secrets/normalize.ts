/**
 * Characters that render as nothing; stripped so "pass\u200bword" reads as "password". The class
 * lists combining marks (variation selectors, grapheme joiner) on purpose: they are what we strip.
 */
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;

/** Look-alike letters from Cyrillic and Greek folded to their Latin twin. */
const HOMOGLYPHS: Record<string, string> = {
  "\u0430": "a", "\u0435": "e", "\u043E": "o", "\u0440": "p", "\u0441": "c", "\u0443": "y", "\u0445": "x",
  "\u0410": "A", "\u0415": "E", "\u041E": "O", "\u0420": "P", "\u0421": "C", "\u0425": "X", "\u0412": "B",
  "\u041D": "H", "\u041A": "K", "\u041C": "M", "\u0422": "T", "\u0456": "i", "\u0406": "I", "\u0458": "j",
  "\u0455": "s", "\u03BF": "o", "\u039F": "O", "\u03B1": "a", "\u0391": "A", "\u0392": "B", "\u0395": "E",
  "\u0397": "H", "\u0399": "I", "\u039A": "K", "\u039C": "M", "\u039D": "N", "\u03A1": "P", "\u03A4": "T",
  "\u03A7": "X", "\u03A5": "Y", "\u0396": "Z",
};
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join("")}]`, "g");

/** NFKC (full-width and ligature forms), invisible characters removed, homoglyphs folded. */
export function normalizeForScan(text: string): string {
  return text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c);
}
