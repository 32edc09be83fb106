import type { Document, YAMLMap } from "yaml";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { RouteInput } from "../domain/catalog.ts";
import { RouteSchema } from "../domain/catalog.ts";
import { CatalogError } from "../domain/errors.ts";
import type { CatalogEdit } from "../domain/workspace.ts";
import { describeIssues } from "../domain/yaml-problems.ts";
import { orderedEntry, renderEntry } from "./edit-render.ts";
import { columnOf, updateEntryText } from "./edit-update.ts";
import { newCatalogFileText } from "./edit-target.ts";
import { verifyEdit } from "./edit-verify.ts";

export type { CatalogEdit } from "../domain/workspace.ts";

/**
 * Adds, updates or retires one route in a catalog file's text. Pure `string → string`.
 * The file is read with yaml's Document API and only the edited entry's text is spliced, so
 * every other byte (comments, key order, quoting, folding, blank lines) stays as written, and a
 * PR diff shows exactly the change. The result is re-parsed and checked before it is returned.
 */
export function applyCatalogEdit(yamlText: string, edit: CatalogEdit): string {
  // A file that does not exist yet (or is blank) starts from the standard header.
  if (edit.op === "add" && yamlText.trim() === "") return applyCatalogEdit(newCatalogFileText(edit.entry.owner), edit);
  const doc = parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new CatalogError(`cannot edit: the file is not valid YAML (${doc.errors[0]?.message.split("\n")[0] ?? "parse error"})`);
  }
  const items = routeItems(doc);
  const id = edit.op === "retire" ? edit.route_id : edit.entry.id;
  const index = items.findIndex((item) => isScalar(item.get("id", true)) && item.get("id") === id);

  let output: string;
  let expected: Record<string, unknown>;
  if (edit.op === "add") {
    if (index >= 0) throw new CatalogError(`cannot add route "${id}": a route with this id already exists`);
    expected = orderedEntry(checkedEntry(edit.entry));
    output = insertEntry(yamlText, doc, expected);
  } else {
    const item = items[index];
    if (!item) throw new CatalogError(`cannot ${edit.op} route "${id}": no route with this id in the file`);
    const current = item.toJSON() as Record<string, unknown>;
    expected = edit.op === "update" ? orderedEntry(checkedEntry(edit.entry)) : { ...current, status: "retired" };
    output = updateEntryText(yamlText, item, expected);
  }
  verifyEdit(yamlText, output, String(id), expected);
  return output;
}

function checkedEntry(entry: RouteInput): RouteInput {
  const parsed = RouteSchema.safeParse(entry);
  if (parsed.success) return entry;
  const issues = describeIssues(parsed.error.issues, { max: Infinity, root: "(entry)" });
  throw new CatalogError(`invalid route entry: ${issues}`, { cause: parsed.error });
}

function routeItems(doc: Document.Parsed): YAMLMap[] {
  const routes = isMap(doc.contents) ? doc.contents.get("routes", true) : undefined;
  if (!isSeq(routes)) return [];
  return routes.items.filter((item): item is YAMLMap => isMap(item));
}

/** Appends a list item after the last route (and its own indented trailing comments). */
function insertEntry(text: string, doc: Document.Parsed, entry: Record<string, unknown>): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const withEol = (s: string): string => s.replace(/\n/g, eol);
  const top = doc.contents;
  if (top !== null && !isMap(top)) throw new CatalogError("cannot edit: the file is not a mapping with a `routes:` list");
  const pair = top?.items.find((p) => isScalar(p.key) && p.key.value === "routes");
  if (!top || !pair) {
    const sep = text === "" || text.endsWith("\n") ? "" : eol;
    return `${text}${sep}${withEol(`routes:\n${renderEntry(entry, 2)}`)}`;
  }
  const key = pair.key as { range?: [number, number, number] };
  const keyCol = columnOf(text, key.range?.[0] ?? 0);
  const value = pair.value;
  if (isSeq(value) && value.items.length > 0) {
    if (value.flow) throw new CatalogError("cannot edit: `routes` is a flow list ([…]); write it as a block list");
    return appendToBlockList(text, value.items as YAMLMap[], entry, eol);
  }
  const rendered = withEol(renderEntry(entry, keyCol + 2)).replace(/\r?\n$/, "");
  if (isSeq(value) && value.range) {
    // `routes: []` becomes a block list in place of the brackets.
    return `${text.slice(0, value.range[0]).trimEnd()}${eol}${rendered}${text.slice(value.range[1])}`;
  }
  // `routes:` with no value: the list starts on the next line.
  const lineEnd = text.indexOf("\n", key.range?.[1] ?? 0);
  if (lineEnd < 0) return `${text}${eol}${rendered}${eol}`;
  return `${text.slice(0, lineEnd + 1)}${rendered}${eol}${text.slice(lineEnd + 1)}`;
}

function appendToBlockList(text: string, items: readonly YAMLMap[], entry: Record<string, unknown>, eol: string): string {
  const last = items[items.length - 1] as YAMLMap & { range: [number, number, number] };
  const dashCol = Math.max(0, columnOf(text, last.range[0]) - 2);
  const at = endOfItem(text, last.range, dashCol);
  const before = items[items.length - 2] as (YAMLMap & { range?: [number, number, number] }) | undefined;
  const blankSeparated = before?.range !== undefined && /^[ \t]*\r?\n/.test(text.slice(before.range[1], last.range[0]));
  const lead = text.slice(0, at).endsWith("\n") || at === 0 ? "" : eol;
  const rendered = `${lead}${blankSeparated ? eol : ""}${renderEntry(entry, dashCol).replace(/\n/g, eol)}`;
  return `${text.slice(0, at)}${rendered}${text.slice(at)}`;
}

/**
 * Where the last item ends: after its value and any comment lines indented under it (they
 * belong to it), but before comments at the list's own column or less (they close the file).
 */
function endOfItem(text: string, range: [number, number, number], dashCol: number): number {
  let end = range[1];
  let cursor = end;
  while (cursor < range[2]) {
    const next = text.indexOf("\n", cursor);
    const lineEnd = next < 0 ? text.length : next + 1;
    const line = text.slice(cursor, lineEnd);
    if (line.trim() === "") {
      cursor = lineEnd;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (!line.trimStart().startsWith("#") || indent <= dashCol) break;
    end = lineEnd;
    cursor = lineEnd;
  }
  return end;
}

export { catalogFileFor, newCatalogFilePath, newCatalogFileText } from "./edit-target.ts";
