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

/** zod issues → problems at the right line, in words a catalog maintainer understands. */
export function issuesToProblems(source: YamlSource, issues: readonly z.core.$ZodIssue[], knownKeys: KnownKeys): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const issue of issues) {
    const path = issuePath(issue);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const full = [...path, key];
        problems.push(error(source.file, `unknown field${suggest(key, knownKeys(path))}`, at(source, full)));
      }
      continue;
    }
    problems.push(error(source.file, describe(issue, valueAt(source.value, path)), at(source, path)));
  }
  return problems;
}

function at(source: YamlSource, path: readonly PathSegment[]): { line?: number; path: string } {
  const line = source.lineOf(path);
  return line === undefined ? { path: formatPath(path) } : { line, path: formatPath(path) };
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === "invalid_type" && value === undefined) return `required field is missing (expected ${issue.expected})`;
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
