import type { Pair, YAMLMap } from "yaml";
import { isScalar, isSeq } from "yaml";
import type { PairStyle } from "./edit-render.ts";
import { defaultPairStyle, renderEntry, renderPair, ROUTE_KEY_ORDER } from "./edit-render.ts";

type Range = [number, number, number];
interface Splice {
  start: number;
  end: number;
  text: string;
}

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/**
 * Rewrites one list item to hold `entry`, touching only the keys whose value changes: unchanged
 * keys keep their text and comments, changed keys keep their style, new keys land after their
 * predecessor in the canonical order. Items this cannot do surgically (a flow mapping, a removed
 * key on the `- ` line) are re-rendered whole.
 */
export function updateEntryText(text: string, item: YAMLMap, entry: Record<string, unknown>): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const splices = item.flow ? undefined : keySplices(text, item, entry);
  const edits = splices ?? [wholeItemSplice(text, item, entry)];
  let out = text;
  // Back to front so offsets stay valid; at one offset, a deletion goes before an insertion.
  for (const s of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = `${out.slice(0, s.start)}${s.text.replace(/\r?\n/g, eol)}${out.slice(s.end)}`;
  }
  return out;
}

function keySplices(text: string, item: YAMLMap, entry: Record<string, unknown>): Splice[] | undefined {
  const pairs = new Map<string, Pair>();
  for (const pair of item.items) if (isScalar(pair.key)) pairs.set(String(pair.key.value), pair as Pair);
  const keyCol = columnOf(text, rangeOf(item)[0]);
  const splices: Splice[] = [];
  const keys = [...new Set([...ROUTE_KEY_ORDER, ...pairs.keys()])];
  let insertAt = rangeOf(item)[0];
  for (const key of keys) {
    const pair = pairs.get(key);
    const value = entry[key];
    if (!pair) {
      if (value !== undefined) splices.push({ start: insertAt, end: insertAt, text: `${" ".repeat(keyCol)}${renderPair(key, value, defaultPairStyle(key), keyCol)}` });
      continue;
    }
    const keyRange = rangeOf(pair.key);
    const valueRange = pair.value ? rangeOf(pair.value) : ([keyRange[1], keyRange[1], keyRange[1]] as Range);
    const pairEnd = lineEndAfter(text, valueRange[1]);
    insertAt = Math.max(insertAt, pairEnd);
    if (value === undefined) {
      const lineStart = text.lastIndexOf("\n", keyRange[0] - 1) + 1;
      if (text.slice(lineStart, keyRange[0]).trim() !== "") return undefined;
      splices.push({ start: lineStart, end: pairEnd, text: "" });
    } else if (!sameValue(pair.value, value)) {
      const style = styleOf(text, pair, keyCol, valueRange);
      splices.push({ start: keyRange[0], end: valueRange[1], text: renderPair(key, value, style, keyCol) });
    }
  }
  return splices;
}

function wholeItemSplice(text: string, item: YAMLMap, entry: Record<string, unknown>): Splice {
  const [start, end] = rangeOf(item);
  const col = columnOf(text, start);
  // renderEntry writes `- ` itself; the item's text starts after the dash that is already there.
  const rendered = renderEntry(entry, Math.max(0, col - 2)).slice(col);
  const keepNewline = text.slice(start, end).endsWith("\n");
  return { start, end, text: keepNewline ? rendered : rendered.replace(/\n$/, "") };
}

function styleOf(text: string, pair: Pair, keyCol: number, valueRange: Range): PairStyle {
  const value = pair.value;
  return {
    flow: isSeq(value) ? Boolean(value.flow) : false,
    scalarType: isScalar(value) ? value.type : undefined,
    indentSeq: isSeq(value) && !value.flow ? columnOf(text, valueRange[0]) > keyCol : true,
    endsWithNewline: text[valueRange[1] - 1] === "\n",
  };
}

function sameValue(node: unknown, value: unknown): boolean {
  const current: unknown = (node as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
  return JSON.stringify(current) === JSON.stringify(value);
}

/** The offset just after the line that `offset` ends on (or `offset` itself at a line start). */
function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const next = text.indexOf("\n", offset);
  return next < 0 ? text.length : next + 1;
}

function rangeOf(node: unknown): Range {
  const range = (node as { range?: Range | null }).range;
  if (!range) throw new Error("yaml node without a source range");
  return range;
}
