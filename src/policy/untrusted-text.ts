/**
 * The one renderer for untrusted text in every output that is not the content of a proposal:
 * a plan's subject and reasons, escalation reasons, a model's reasons and rationale, log lines
 * and audit details. It emits only what it can read — a word of the claimed languages (the word
 * model), a word the repository already uses, a small number, or a piece built of those
 * (`ssh-build-hosts`, `playbooks/api-tokens.md`) — and `[…]` for anything else.
 *
 * It needs no detector: a value every secret rule misses (lower case only, digits only, a new
 * format) is not a word it can read, so it never comes out. Markup that could act where the text
 * lands (`@` mentions, backticks, HTML brackets) is dropped between the pieces.
 */
import { foldWord } from "./words/encoding.ts";
import type { WordModel } from "./words/word-model.ts";
import { wordModel } from "./words/word-model.ts";

export const UNKNOWN_PIECE = "[…]";

/** Runs of word characters and the joiners of identifiers and paths. */
const PIECE = /[\p{L}\p{N}_'][\p{L}\p{N}_'\-./:]*/gu;
const JOINERS = /[-_./:]+/;
/** What may stand between pieces: spaces and plain punctuation; everything else is dropped. */
const SAFE_GAP = /[^\s,;:.!?()[\]"'\-/%+=#]/gu;
/** The same two patterns for printable ASCII text, the common case: no Unicode property lookups. */
const PIECE_ASCII = /[A-Za-z0-9_'][A-Za-z0-9_'\-./:]*/g;
const SAFE_GAP_ASCII = /[^ \t\n,;:.!?()[\]"'\-/%+=#]/g;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e\n\t]/;
const SMALL_NUMBER = /^(?:\d{1,4}|\d{1,4}\.\d{1,3}|\d{1,3}(?:,\d{3})+)$/;
const ACRONYM = /^[A-Z]{2,5}s?$/;
/** `v1.24.3`, `2026-11-22`, `2026-11-22T08:00:00Z`: a version or a date, not a value. */
const VERSION_OR_DATE = /^(?:v?\d{1,4}(?:\.\d{1,4}){1,3}|\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z?)?)$/;
const MERGE = /\[…\](?:[\s,;.:/-]*\[…\])+/g;

/**
 * `text` as an output may show it. `known` is the repository's vocabulary (`repositoryWords`);
 * `maxChars` bounds the result (the cut is marked with "…").
 */
export function renderUntrusted(text: string, known: ReadonlySet<string>, maxChars = 500, model: WordModel = wordModel()): string {
  // Plans repeat the same reasons ("all guardrails passed", "routing question; best match …"):
  // each text is rendered once per vocabulary and word model.
  let cache = rendered.get(known);
  if (!cache || cache.model !== model) rendered.set(known, (cache = { model, texts: new Map() }));
  const key = `${maxChars}\u0000${text}`;
  const hit = cache.texts.get(key);
  if (hit !== undefined) return hit;
  const out = renderFresh(text, known, maxChars, model);
  if (cache.texts.size >= REMEMBERED) cache.texts.delete(cache.texts.keys().next().value as string);
  cache.texts.set(key, out);
  return out;
}

const REMEMBERED = 2048;
const rendered = new WeakMap<ReadonlySet<string>, { model: WordModel; texts: Map<string, string> }>();

const MARKER = /\[(?:REDACTED|withheld|…)\]/;

function renderFresh(text: string, known: ReadonlySet<string>, maxChars: number, model: WordModel): string {
  // Markers of what was already taken out stay markers: they are not words to read.
  const out = text.includes("[") ? text.split(MARKER).map((segment) => renderSegment(segment, known, model)).join(UNKNOWN_PIECE) : renderSegment(text, known, model);
  const merged = (out.includes(UNKNOWN_PIECE) ? out.replace(MERGE, UNKNOWN_PIECE) : out).replace(/\s+/g, " ").trim();
  return merged.length <= maxChars ? merged : `${merged.slice(0, maxChars - 1)}…`;
}

function renderSegment(text: string, known: ReadonlySet<string>, model: WordModel): string {
  const vocabulary = foldedVocabulary(known);
  const ascii = !NOT_PRINTABLE_ASCII.test(text);
  const pieceAt = ascii ? PIECE_ASCII : PIECE;
  const unsafe = ascii ? SAFE_GAP_ASCII : SAFE_GAP;
  let out = "";
  let cursor = 0;
  pieceAt.lastIndex = 0;
  for (let m = pieceAt.exec(text); m; m = pieceAt.exec(text)) {
    if (m.index > cursor) out += text.slice(cursor, m.index).replace(unsafe, " ");
    out += readableCached(m[0], known, vocabulary, model) ? m[0] : UNKNOWN_PIECE;
    cursor = m.index + m[0].length;
  }
  return cursor < text.length ? out + text.slice(cursor).replace(unsafe, " ") : out;
}

/** Pieces repeat far more than texts ("route", "the", route ids): each is judged once per vocabulary. */
const pieces = new WeakMap<ReadonlySet<string>, { model: WordModel; seen: Map<string, boolean> }>();
const REMEMBERED_PIECES = 20_000;

function readableCached(piece: string, known: ReadonlySet<string>, vocabulary: ReadonlySet<string>, model: WordModel): boolean {
  let cache = pieces.get(known);
  if (!cache || cache.model !== model) pieces.set(known, (cache = { model, seen: new Map() }));
  let readable = cache.seen.get(piece);
  if (readable === undefined) {
    readable = readablePiece(piece, known, vocabulary, model);
    if (cache.seen.size >= REMEMBERED_PIECES) cache.seen.delete(cache.seen.keys().next().value as string);
    cache.seen.set(piece, readable);
  }
  return readable;
}

function readablePiece(piece: string, known: ReadonlySet<string>, vocabulary: ReadonlySet<string>, model: WordModel): boolean {
  const trimmed = piece.replace(/[-./:']+$/, "").replace(/^'+/, "");
  if (trimmed === "" || known.has(trimmed) || VERSION_OR_DATE.test(trimmed)) return true;
  return trimmed.split(JOINERS).every((part) => part === "" || readablePart(part, vocabulary, model));
}

/** One part of a piece: a word, a repository word, a small number or an acronym. */
export function readablePart(part: string, vocabulary: ReadonlySet<string>, model: WordModel = wordModel()): boolean {
  if (SMALL_NUMBER.test(part) || ACRONYM.test(part)) return true;
  const folded = foldWord(part);
  if (vocabulary.has(folded) || model.isWord(folded)) return true;
  return isCompound(folded, vocabulary, model);
}

const MIN_STEM = 4;

/** "zugangsdaten" = "zugang" + "s" + "daten": two words of at least four letters, with a German linking s. */
function isCompound(folded: string, vocabulary: ReadonlySet<string>, model: WordModel): boolean {
  // A made-up run (mostly odd letter joins) is no compound of words: not worth the splits.
  if (folded.length < 2 * MIN_STEM || folded.length > 40 || !/^[a-z]+$/.test(folded) || model.isMadeUp(folded)) return false;
  const word = (w: string) => vocabulary.has(w) || model.isWord(w);
  for (let cut = MIN_STEM; cut <= folded.length - MIN_STEM; cut++) {
    const head = folded.slice(0, cut);
    if (!word(folded.slice(cut))) continue;
    if (word(head) || (head.endsWith("s") && head.length > MIN_STEM && word(head.slice(0, -1)))) return true;
  }
  return false;
}

const folded = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/** The repository's words and their parts, folded, computed once per vocabulary. */
function foldedVocabulary(known: ReadonlySet<string>): ReadonlySet<string> {
  let parts = folded.get(known);
  if (!parts) {
    const out = new Set<string>();
    for (const word of known) for (const part of word.split(/[^\p{L}\p{N}]+/u)) if (part) out.add(foldWord(part));
    folded.set(known, (parts = out));
  }
  return parts;
}
