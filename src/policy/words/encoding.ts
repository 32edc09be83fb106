/**
 * How the generated word data is written and read: words folded the way the scanner folds text,
 * a sorted list front-coded (each entry says how many leading characters it shares with the one
 * before), and the index of a character trigram. Shared by the generator and the loader, so the
 * two cannot disagree.
 */

/** NFKD, combining marks removed, lower case: "Zugangsdaten", "contraseña" → "contrasena". */
export function foldWord(word: string): string {
  // Plain ASCII has nothing to decompose: the common case skips the Unicode work.
  if (!/[^\x20-\x7e]/.test(word)) return word.toLowerCase();
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Words per block: a lookup decodes at most one block. */
export const BLOCK_SIZE = 64;

/** Sorted words in blocks; in each block every entry after the first is front-coded. */
export function encodeWords(sorted: readonly string[]): string[] {
  const blocks: string[] = [];
  for (let at = 0; at < sorted.length; at += BLOCK_SIZE) {
    let previous = "";
    const entries: string[] = [];
    for (const word of sorted.slice(at, at + BLOCK_SIZE)) {
      let shared = 0;
      while (shared < 40 && shared < word.length && shared < previous.length && word[shared] === previous[shared]) shared++;
      entries.push(String.fromCharCode(48 + shared) + word.slice(shared));
      previous = word;
    }
    blocks.push(entries.join("\n"));
  }
  return blocks;
}

/** The words of one block, in order. */
export function decodeBlock(block: string): string[] {
  const words: string[] = [];
  let previous = "";
  for (const entry of block.split("\n")) {
    previous = previous.slice(0, entry.charCodeAt(0) - 48) + entry.slice(1);
    words.push(previous);
  }
  return words;
}

/** The block that would hold `word`: a binary search over the blocks' first words. */
export function blockIndex(firsts: readonly string[], word: string): number {
  let lo = 0;
  let hi = firsts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((firsts[mid] as string) <= word) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first word of each block (stored whole: its entry shares nothing). */
export function firstWords(blocks: readonly string[]): string[] {
  return blocks.map((b) => b.slice(1, b.indexOf("\n") < 0 ? undefined : b.indexOf("\n")));
}

/** Letters, the word-boundary mark and one class for everything else. */
export const TRIGRAM_ALPHABET = "^$abcdefghijklmnopqrstuvwxyz#";

function letterIndex(ch: string | undefined): number {
  const i = ch === undefined ? -1 : TRIGRAM_ALPHABET.indexOf(ch);
  return i < 0 ? TRIGRAM_ALPHABET.length - 1 : i;
}

export function trigramIndex(padded: string, at: number): number {
  const n = TRIGRAM_ALPHABET.length;
  return (letterIndex(padded[at]) * n + letterIndex(padded[at + 1])) * n + letterIndex(padded[at + 2]);
}
