/**
 * Text → search terms, the same way for catalog entries and for questions, so that case,
 * punctuation, inflections, filler words (English, German, French, Spanish), shorthand and the
 * common foreign words for credentials do not change what matches.
 */
import { stemmer } from "stemmer";
import { ENGLISH_STOP_WORDS, STOP_WORDS, WORD_MAP } from "./analyze-words.ts";

/** Stems a single lowercase word (Porter, from the `stemmer` package). Exported for tests and docs. */
export function stem(word: string): string {
  return stemmer(word);
}

/** Stems of English filler words only: a foreign filler word's stem can be a real English term. */
const STOP_STEMS = new Set(ENGLISH_STOP_WORDS.map(stem));
/** Any UTF-16 code unit outside ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;
const STOP_RAW = new Set(STOP_WORDS);

/**
 * Ordered terms of `text` (duplicates kept: phrase matching needs positions). Callers that only
 * need the set dedupe it themselves. Words are the maximal runs of [a-z0-9] of the lower-cased
 * text, found in one pass (what `split(/[^a-z0-9]+/)` gives, without its empty pieces); words of
 * one character never make a term, so they are not even looked up. `words`, when given, receives
 * each term's word before stemming (for typo tolerance), in step with the terms.
 */
export function analyze(text: string, words?: string[]): string[] {
  const terms: string[] = [];
  // Accents are stripped only where there are any: most questions are plain ASCII.
  const folded = NON_ASCII.test(text) ? text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : text;
  const lower = folded.toLowerCase();
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 0;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) continue;
    if (i - start >= 2) {
      const raw = lower.slice(start, i);
      const term = termOf(raw);
      if (term !== undefined) {
        terms.push(term);
        words?.push(WORD_MAP[raw] ?? raw);
      }
    }
    start = i + 1;
  }
  return terms;
}

/**
 * Words repeat far more than they vary, so stems are memoised. Bounded (questions are untrusted)
 * and small: a large catalog's build passes tens of thousands of words through here, and a
 * cache that kept them all would be slow to look up for the few words a question repeats.
 */
const TERM_CACHE = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 8_192;

/** term → a word it came from (for typo tolerance), kept with the stem cache. */
const SURFACE = new Map<string, string>();

function termOf(raw: string): string | undefined {
  const cached = TERM_CACHE.get(raw);
  if (cached !== undefined) return cached ?? undefined;
  const term = computeTerm(raw);
  if (TERM_CACHE.size >= TERM_CACHE_LIMIT) {
    TERM_CACHE.clear();
    SURFACE.clear();
  }
  TERM_CACHE.set(raw, term ?? null);
  if (term !== undefined) SURFACE.set(term, WORD_MAP[raw] ?? raw);
  return term;
}

/**
 * A word before stemming that `term` came from in recent calls of `analyze`, or undefined. Lets a
 * lookup try a typo correction on the few words the catalog does not know without collecting
 * every word of a 64 KiB question.
 */
export function surfaceOf(term: string): string | undefined {
  return SURFACE.get(term);
}

function computeTerm(raw: string): string | undefined {
  if (raw.length < 2 || (STOP_RAW.has(raw) && WORD_MAP[raw] === undefined)) return undefined;
  const term = stem(WORD_MAP[raw] ?? raw);
  return term.length < 2 || STOP_STEMS.has(term) ? undefined : term;
}

/** A match phrase's identity for duplicate detection and phrase lookup: its terms, joined. */
export function phraseKey(phrase: string): string {
  return analyze(phrase).join(" ");
}
