/**
 * Known token formats cut into pieces: `ghp_ABCD efgh 1234 …`, `g h p _ …`, `AKIA-ABCD-…`. The
 * text is read once with whitespace and separator punctuation squeezed out (a position map
 * leads back), and a known prefix followed by enough random-looking characters is a token.
 * The randomness check keeps prose that happens to run into a prefix ("ghp tokens are…") clean.
 */
import type { SecretFinding } from "../../domain/secrets.ts";
import { shannonEntropy } from "./entropy.ts";

/** Removed between pieces: whitespace and the punctuation people split tokens with. */
const SEPARATOR = /[\s.,;:|·•_\-/\\'"`*+~]/;
/** `#` and `=` cut a token only next to whitespace ("ghp_AbC# dEf= …"); glued they are syntax (`key=value`). */
const SPACED_SEPARATOR = /[#=]/;
const isSeparator = (text: string, i: number): boolean => {
  const c = text[i] as string;
  return SEPARATOR.test(c) || (SPACED_SEPARATOR.test(c) && (/\s/.test(text[i + 1] ?? "") || /\s/.test(text[i - 1] ?? "")));
};

interface SplitFormat {
  /** The prefix as it reads with separators removed (`ghp_` → `ghp`). */
  prefix: string;
  /** Characters of the body to check, after the prefix. */
  length: number;
  random: (body: string) => boolean;
}

/**
 * Random base62, not words run together: "npm install Node 20 …" squeezes to a mixed-case run
 * too, but most of it is lower-case runs of four or more letters, which random base62 rarely
 * has (under two thirds of its characters, where prose has nine tenths).
 */
const mixed = (body: string): boolean =>
  /[A-Z]/.test(body) && /[a-z]/.test(body) && wordShare(body) < 0.65 && shannonEntropy(body) >= Math.min(3.5, Math.log2(body.length) - 1);

function wordShare(body: string): number {
  let covered = 0;
  for (const m of body.matchAll(/[a-z]{4,}/g)) covered += m[0].length;
  return covered / body.length;
}

const FORMATS: readonly SplitFormat[] = [
  ...["ghp", "gho", "ghu", "ghs", "ghr"].map((prefix) => ({ prefix, length: 36, random: mixed })),
  { prefix: "githubpat", length: 40, random: mixed },
  { prefix: "glpat", length: 20, random: mixed },
  ...["xoxb", "xoxp", "xoxa", "xoxr", "xoxe", "xapp"].map((prefix) => ({ prefix, length: 24, random: (b: string) => (b.match(/\d/g) ?? []).length >= 8 && /[a-zA-Z]/.test(b) })),
  ...["AKIA", "ASIA"].map((prefix) => ({ prefix, length: 16, random: (b: string) => /^[A-Z2-7]{16}$/.test(b) && (b.match(/\d/g) ?? []).length >= 2 })),
  ...["sklive", "sktest", "rklive"].map((prefix) => ({ prefix, length: 24, random: mixed })),
  { prefix: "skantapi", length: 40, random: mixed },
  { prefix: "skproj", length: 40, random: mixed },
  { prefix: "hvs", length: 24, random: mixed },
  { prefix: "npm", length: 36, random: mixed },
  { prefix: "dckrpat", length: 27, random: mixed },
  { prefix: "glsa", length: 32, random: mixed },
  { prefix: "AIza", length: 35, random: mixed },
  { prefix: "hf", length: 34, random: mixed },
];
const PREFIXES = new RegExp(FORMATS.map((f) => f.prefix).join("|"), "g");
/**
 * The prefixes as they may stand in the raw text, separators between their letters: one pass
 * over the text decides whether squeezing it can find anything (ordinary prose: it cannot).
 */
const SEPARATOR_RUN = String.raw`[\s.,;:|·•_\-/\\'"\`*+~#=]*`;
const SPLIT_PREFIX = new RegExp(FORMATS.map((f) => [...f.prefix].join(SEPARATOR_RUN)).join("|"));
const BY_PREFIX = new Map(FORMATS.map((f) => [f.prefix, f]));
export function scanSplitTokens(text: string): SecretFinding[] {
  if (!SPLIT_PREFIX.test(text)) return [];
  const { squeezed, origin } = squeeze(text);
  const out: SecretFinding[] = [];
  PREFIXES.lastIndex = 0;
  for (let m = PREFIXES.exec(squeezed); m; m = PREFIXES.exec(squeezed)) {
    const format = BY_PREFIX.get(m[0]);
    const bodyStart = m.index + m[0].length;
    const body = squeezed.slice(bodyStart, bodyStart + (format?.length ?? 0));
    if (!format || body.length < format.length || !/^[A-Za-z0-9]+$/.test(body) || !format.random(body)) continue;
    const start = origin[m.index] ?? 0;
    // The token's last piece runs on to the end of its word: the redaction takes all of it.
    let end = (origin[bodyStart + body.length - 1] ?? start) + 1;
    while (end < text.length && /[A-Za-z0-9]/.test(text[end] as string)) end++;
    // A token in one piece is the format rules' (their ids say which service it belongs to).
    const bodyFrom = origin[bodyStart] ?? end;
    if (/[^A-Za-z0-9]/.test(text.slice(bodyFrom, end)) || /\s/.test(text.slice(start, bodyFrom))) {
      out.push({ rule: "warden/split-token", start, end });
    }
    PREFIXES.lastIndex = bodyStart + body.length;
  }
  return out;
}

/** The text without separators, and for each kept character its offset in the text. */
function squeeze(text: string): { squeezed: string; origin: Int32Array } {
  const origin = new Int32Array(text.length);
  let squeezed = "";
  let n = 0;
  let run = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSeparator(text, i)) continue;
    if (i > run) {
      squeezed += text.slice(run, i);
      for (let k = run; k < i; k++) origin[n++] = k;
    }
    run = i + 1;
  }
  return { squeezed, origin };
}
