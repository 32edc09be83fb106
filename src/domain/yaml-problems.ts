import type { Document } from "yaml";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";

/**
 * The one way a YAML file or a zod result is turned into problems a person can act on: every
 * problem names where (the field path, and the line when there is a file) and what is wrong, in
 * zod's words, never the offending value (it may be a secret or markup).
 */

export type PathSegment = string | number;

/** A zod issue's path without symbols (zod allows them; our schemas have none). */
export function issuePath(issue: z.core.$ZodIssue): PathSegment[] {
  return issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
}

/** `from_agent: expected string, received undefined; body: …` — dotted paths and zod's words. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], options: { max?: number; root?: string } = {}): string {
  return issues
    .slice(0, options.max ?? 5)
    .map((issue) => `${issuePath(issue).join(".") || (options.root ?? "(record)")}: ${issue.message}`)
    .join("; ");
}

/** A parsed YAML text that can say on which line any field path sits. */
export interface YamlText {
  doc: Document.Parsed;
  /** Plain JS value; undefined when the YAML itself does not parse. */
  value: unknown;
  /** Syntax errors (`fatal`: no value) and warnings (duplicate keys, bad indentation…), with lines. */
  syntax: { line: number; message: string; fatal: boolean }[];
  lineOf(path: readonly PathSegment[]): number | undefined;
}

/** `lineOffset` shifts lines for YAML embedded in a larger file (playbook front matter). */
export function parseYamlText(text: string, lineOffset = 0): YamlText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line + lineOffset;
  const entry = (e: { pos: [number, number]; message: string }, fatal: boolean) => ({ line: lineAt(e.pos[0]), message: e.message.split("\n")[0] ?? e.message, fatal });
  const syntax = [...doc.errors.map((e) => entry(e, true)), ...doc.warnings.map((e) => entry(e, false))];
  const value: unknown = doc.errors.length > 0 ? undefined : doc.toJS();
  return {
    doc,
    value,
    syntax,
    lineOf: (path) => {
      const offset = offsetOf(doc, path);
      return offset === undefined ? undefined : lineAt(offset);
    },
  };
}

/**
 * Start offset of the deepest node on `path` that exists: for a map entry, its key (where a
 * reader looks); for a missing field, the object that should hold it.
 */
function offsetOf(doc: Document.Parsed, path: readonly PathSegment[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
