import type { Scalar } from "yaml";
import { Document, isScalar, isSeq, parse } from "yaml";
import type { RouteInput } from "../domain/catalog.ts";
import { RouteSchema } from "../domain/catalog.ts";

/** The order keys are written in: the order a reader scans an entry. */
export const ROUTE_KEY_ORDER = Object.keys(RouteSchema.shape) as (keyof RouteInput)[];

/** Lists of slugs read best on one line; match phrases one per line, so diffs stay small. */
const FLOW_KEYS = new Set(["kinds", "sensitivity"]);
/** Folding width of the mini document; entries sit 4 columns in, so lines end near 92. */
const LINE_WIDTH = 88;

/** The entry as it will be written: canonical key order, no empty optional values. */
export function orderedEntry(entry: RouteInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ROUTE_KEY_ORDER) {
    const value: unknown = entry[key];
    if (value === undefined || value === null) continue;
    if (key === "sensitivity" && Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

/** A new list item at `dashCol`: `- id: …` and the other keys indented under it. Ends with a newline. */
export function renderEntry(entry: Record<string, unknown>, dashCol: number): string {
  let text = entryText(entry, true);
  if (JSON.stringify(parse(text)) !== JSON.stringify(entry)) text = entryText(entry, false);
  const lines = text.replace(/\n$/, "").split("\n");
  return `${lines.map((line, i) => (i === 0 ? `${" ".repeat(dashCol)}- ${line}` : line === "" ? "" : `${" ".repeat(dashCol + 2)}${line}`)).join("\n")}\n`;
}

/** A long summary reads best folded, unless its content cannot survive folding. */
function entryText(entry: Record<string, unknown>, foldSummary: boolean): string {
  const doc = new Document(entry);
  for (const key of FLOW_KEYS) {
    const node = doc.get(key, true);
    if (isSeq(node)) node.flow = true;
  }
  const summary = doc.get("summary", true);
  if (foldSummary && isScalar(summary) && String(summary.value).length > 60) summary.type = "BLOCK_FOLDED";
  return stringify(doc, LINE_WIDTH);
}

export interface PairStyle {
  /** Keep a list on one line (`[a, b]`). */
  flow: boolean;
  /** Keep the scalar style the file used (quotes, folded…). */
  scalarType?: Scalar.Type | undefined;
  /** Whether block list items sit two columns right of their key. */
  indentSeq: boolean;
  /** Whether the text replaced ended its line (block values do; inline scalars do not). */
  endsWithNewline: boolean;
}

export function defaultPairStyle(key: string): PairStyle {
  return { flow: FLOW_KEYS.has(key), indentSeq: true, endsWithNewline: true };
}

/**
 * `key: value` rendered for a position whose key starts at column `keyCol`: the first line is not
 * indented (it replaces text from the key on), the following lines are.
 */
export function renderPair(key: string, value: unknown, style: PairStyle, keyCol: number): string {
  // An inline value is followed by the rest of its line (maybe a comment): it must stay one line.
  const inline = !style.endsWithNewline;
  const keepType = style.scalarType && !(inline && style.scalarType.startsWith("BLOCK")) ? style.scalarType : undefined;
  let text = pairText(key, value, style, inline, keepType);
  // Some values cannot be written in the file's style (e.g. blanks in a folded scalar): let yaml pick.
  if (keepType && JSON.stringify(parse(text)) !== JSON.stringify({ [key]: value })) text = pairText(key, value, style, inline, undefined);
  const indented = text
    .split("\n")
    .map((line, i) => (i === 0 || line === "" ? line : `${" ".repeat(keyCol)}${line}`))
    .join("\n");
  return style.endsWithNewline ? `${indented}\n` : indented;
}

function pairText(key: string, value: unknown, style: PairStyle, inline: boolean, type: Scalar.Type | undefined): string {
  const doc = new Document({ [key]: value });
  const node = doc.get(key, true);
  if (isSeq(node)) node.flow = style.flow;
  if (isScalar(node) && type) node.type = type;
  return stringify(doc, inline ? 0 : LINE_WIDTH, style.indentSeq).replace(/\n$/, "");
}

function stringify(doc: Document, lineWidth: number, indentSeq = true): string {
  return doc.toString({ lineWidth, minContentWidth: 20, flowCollectionPadding: false, indentSeq });
}
