import { analyze } from "./analyze.ts";
import { MAX_WORD_LENGTH } from "./route-fuzzy.ts";
import type { IndexData, TermInfo } from "./route-model.ts";

/** Parts shorter than this are not tried: "Produktionsservern" splits, "Kennung" does not. */
const MIN_PART = 4;
const MIN_WORD = 2 * MIN_PART;

/**
 * German runs words together ("Produktionsservern", "Datenbankpasswort", "Zugangsschlüssel"). A
 * word the catalog does not know is split once where both parts are words it does know (after
 * the usual shorthand and translations), a linking "s" allowed after the first part. Returns the
 * modifier and the head (the last part names the thing), or undefined. At most `word.length`
 * analyses of a short part each, and only for unknown words within the question's typo budget.
 */
export function splitCompound(data: IndexData, word: string): [TermInfo, TermInfo] | undefined {
  if (word.length < MIN_WORD || word.length > MAX_WORD_LENGTH || /\d/.test(word)) return undefined;
  for (let cut = MIN_PART; cut <= word.length - MIN_PART; cut += 1) {
    const head = termOfPart(data, word.slice(cut));
    if (!head) continue;
    const modifier = termOfPart(data, word.slice(0, cut)) ?? (word[cut - 1] === "s" ? termOfPart(data, word.slice(0, cut - 1)) : undefined);
    if (modifier && modifier !== head) return [modifier, head];
  }
  return undefined;
}

function termOfPart(data: IndexData, part: string): TermInfo | undefined {
  if (part.length < MIN_PART - 1) return undefined;
  const terms = analyze(part);
  return terms.length === 1 ? data.known.get(terms[0] ?? "") : undefined;
}
