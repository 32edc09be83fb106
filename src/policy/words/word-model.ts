/**
 * The word model the renderer and the credential-shape checks read with: the word lists of the
 * seven languages we claim (English, German, French, Spanish, Italian, Portuguese, Dutch) and a
 * character trigram table of the same words. The data is generated (scripts/build-words.ts) and
 * loaded on first need with a dynamic import, so a command that never plans never parses it.
 *
 * Until it is loaded, `wordModel()` answers with an empty model: nothing reads as a word, which
 * is the safe side (the renderer then keeps only the repository's vocabulary and small numbers).
 * The planner loads it before the first message.
 */
import { blockIndex, decodeBlock, firstWords, foldWord, trigramIndex } from "./encoding.ts";

export interface WordModel {
  /** A word of one of the claimed languages (folded: case and accents do not matter). */
  isWord(word: string): boolean;
  /**
   * Letters no word model of those languages would produce: most of the token's character
   * trigrams never occur in any word. Case does not matter ("QZVXKWPL" = "qzvxkwpl").
   */
  isMadeUp(token: string, minLetters?: number): boolean;
}

const EMPTY: WordModel = { isWord: () => false, isMadeUp: () => false };
let loaded: WordModel | undefined;
let loading: Promise<WordModel> | undefined;

export function wordModel(): WordModel {
  return loaded ?? EMPTY;
}

export function loadWordModel(): Promise<WordModel> {
  loading ??= import("./generated/word-data.ts").then((data) => (loaded = buildModel(data.WORD_BLOCKS, data.TRIGRAMS)));
  return loading;
}

/** Trigrams seen at most this often (log scale, see scripts/build-words.ts) count as odd joins. */
const RARE = "2";
/**
 * A share of odd joins at which a token is not a word of any claimed language. At 0.25 about 1 in
 * 100 random 14-letter strings still reads as a word (2.6 in 100 at 0.3), while none of 82 vendor
 * and product names of 8 or more letters (cloudflare, pagerduty, clickhouse, …) reads as made up.
 */
const MADE_UP_SHARE = 0.25;
const MIN_LETTERS = 8;
/** Lookups remembered: plans repeat the same few hundred words. */
const REMEMBERED = 50_000;
const DECODED_BLOCKS = 1024;

export function buildModel(blocks: readonly string[], trigrams: string): WordModel {
  const firsts = firstWords(blocks);
  const seen = new Map<string, boolean>();
  // Decoded blocks, most recent last: a lookup that misses the word cache decodes one block once.
  const decoded = new Map<number, ReadonlySet<string>>();
  const inBlock = (folded: string): boolean => {
    const at = blockIndex(firsts, folded);
    let set = decoded.get(at);
    if (!set) {
      set = new Set(decodeBlock(blocks[at] ?? ""));
      if (decoded.size >= DECODED_BLOCKS) decoded.delete(decoded.keys().next().value as number);
      decoded.set(at, set);
    }
    return set.has(folded);
  };
  const has = (folded: string): boolean => {
    let known = seen.get(folded);
    if (known === undefined) {
      known = inBlock(folded);
      if (seen.size >= REMEMBERED) seen.delete(seen.keys().next().value as string);
      seen.set(folded, known);
    }
    return known;
  };
  return {
    isWord(word) {
      const folded = foldWord(word);
      return has(folded) || (/'s?$/.test(folded) && has(folded.replace(/'s?$/, "")));
    },
    isMadeUp(token, minLetters = MIN_LETTERS) {
      // Each run of letters on its own: `db-mysql-credentials` is three words, not one odd token.
      return foldWord(token)
        .split(/[^a-z]+/)
        .some((run) => run.length >= minLetters && !has(run) && madeUpRun(run, trigrams));
    },
  };
}

function madeUpRun(letters: string, trigrams: string): boolean {
  const padded = `^^${letters}$`;
  const total = padded.length - 2;
  let rare = 0;
  for (let i = 0; i < total; i++) if ((trigrams[trigramIndex(padded, i)] ?? "0") <= RARE) rare++;
  // A word, a name or a compound has a few odd joins; a random string is mostly odd joins.
  return rare >= total * MADE_UP_SHARE;
}
