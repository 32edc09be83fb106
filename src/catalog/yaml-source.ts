import type { z } from "zod";
import { suggest } from "../domain/suggest.ts";
import type { YamlText } from "../domain/yaml-problems.ts";
import { issuePath, parseYamlText } from "../domain/yaml-problems.ts";
import type { CatalogProblem, PathSegment } from "./problems.ts";
import { error, formatPath } from "./problems.ts";

/** A parsed YAML file that can say on which line any field path sits. */
export interface YamlSource extends YamlText {
  file: string;
  /** Syntax problems (duplicate keys, bad indentation…), with lines. */
  problems: CatalogProblem[];
}

/** `lineOffset` shifts lines for YAML embedded in a larger file (playbook front matter). */
export function parseYamlSource(file: string, text: string, lineOffset = 0): YamlSource {
  const parsed = parseYamlText(text, lineOffset);
  return { ...parsed, file, problems: parsed.syntax.map((e) => error(file, `YAML: ${e.message}`, { line: e.line })) };
}

/** Which field names are allowed in the object at `path`, for "did you mean" on typos. */
export type KnownKeys = (path: readonly PathSegment[]) => readonly string[];

/**
 * zod issues → problems at the right line, in words a catalog maintainer understands, root
 * causes only: a required field reported missing because its key is misspelt is one problem
 * (the misspelt key, with the suggestion), not two.
 */
export function issuesToProblems(source: YamlSource, issues: readonly z.core.$ZodIssue[], knownKeys: KnownKeys): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const meant = misspeltFields(issues, knownKeys);
  for (const issue of issues) {
    const path = issuePath(issue);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const full = [...path, key];
        problems.push(error(source.file, `unknown field${suggest(key, knownKeys(path))}`, at(source, full)));
      }
      continue;
    }
    const value = valueAt(source.value, path);
    if (value === undefined && meant.has(formatPath(path))) continue;
    problems.push(error(source.file, describe(issue, value, path), at(source, path)));
  }
  return problems;
}

/** The paths of fields that an unknown key next to them was probably meant to be (`stauts` → `status`). */
function misspeltFields(issues: readonly z.core.$ZodIssue[], knownKeys: KnownKeys): Set<string> {
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const path = issuePath(issue);
    for (const key of issue.keys) {
      const field = /^ \(did you mean "(.*)"\?\)$/.exec(suggest(key, knownKeys(path)))?.[1];
      if (field) meant.add(formatPath([...path, field]));
    }
  }
  return meant;
}

function at(source: YamlSource, path: readonly PathSegment[]): { line?: number; path: string } {
  const line = source.lineOf(path);
  return line === undefined ? { path: formatPath(path) } : { line, path: formatPath(path) };
}

function describe(issue: z.core.$ZodIssue, value: unknown, path: readonly PathSegment[]): string {
  const field = path.at(-1);
  if (value === undefined && typeof field === "string" && (issue.code === "invalid_type" || issue.code === "invalid_value")) {
    const expected = issue.code === "invalid_value" ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}` : `expected ${issue.expected}`;
    return `required field \`${field}\` is missing (${expected})`;
  }
  if (issue.code === "invalid_type" && value === undefined) return `required value is missing (expected ${issue.expected})`;
  if (issue.code === "invalid_type") return `expected ${issue.expected}, got ${typeName(value)}`;
  if (issue.code === "invalid_value") {
    const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
    return `${JSON.stringify(value)} is not allowed; expected one of ${allowed}${suggest(String(value), issue.values.map(String))}`;
  }
  if (issue.code === "too_small" && issue.origin === "array") return `needs at least ${issue.minimum} item(s)`;
  if (issue.code === "too_small" && issue.origin === "string") return `too short (at least ${issue.minimum} characters)`;
  if (issue.code === "too_big" && issue.origin === "string") return `too long (at most ${issue.maximum} characters)`;
  return issue.message;
}

function typeName(value: unknown): string {
  if (value === null) return "null (empty value)";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : typeof value;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

export { suggest } from "../domain/suggest.ts";
