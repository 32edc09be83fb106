import { closest, distance } from "fastest-levenshtein";

/**
 * ` (did you mean "x"?)` when a candidate is close enough to be a typo, else "". One rule for
 * the catalog, the config and the CLI: within a third of the word's length, at least 2 edits.
 */
export function suggest(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0 || word === "") return "";
  const best = closest(word, candidates);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== word && distance(word, best) <= limit ? ` (did you mean "${best}"?)` : "";
}
