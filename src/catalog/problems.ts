/**
 * A catalog problem names the file, the line and the field, so a maintainer can fix it without
 * hunting: `catalog/ssh.yaml:14: routes[2].owner: unknown owner "secret-engine" (did you mean …)`.
 */
export type Severity = "error" | "warning";

export interface CatalogProblem {
  /** Repository-relative path, e.g. `catalog/ssh.yaml`. */
  file: string;
  /** 1-based line, when the problem has a place in the file. */
  line?: number;
  /** Field path inside the file, e.g. `routes[2].owner`. */
  path?: string;
  message: string;
  severity: Severity;
}

export type PathSegment = string | number;

/** `["routes", 2, "owner"]` → `routes[2].owner`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

export function formatProblem(problem: CatalogProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const severity = problem.severity === "warning" ? "warning: " : "";
  const field = problem.path ? `${problem.path}: ` : "";
  return `${where}: ${severity}${field}${problem.message}`;
}

/** File, then line, then errors before warnings: the order a reader fixes them in. */
export function sortProblems(problems: readonly CatalogProblem[]): CatalogProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      a.message.localeCompare(b.message),
  );
}

export function countErrors(problems: readonly CatalogProblem[]): number {
  return problems.filter((p) => p.severity === "error").length;
}

export function error(file: string, message: string, where: { line?: number; path?: string } = {}): CatalogProblem {
  return { file, ...defined(where), message, severity: "error" };
}

export function warning(file: string, message: string, where: { line?: number; path?: string } = {}): CatalogProblem {
  return { file, ...defined(where), message, severity: "warning" };
}

/** Drops undefined fields so problems compare and serialise cleanly. */
function defined(where: { line?: number; path?: string }): { line?: number; path?: string } {
  const out: { line?: number; path?: string } = {};
  if (where.line !== undefined) out.line = where.line;
  if (where.path !== undefined && where.path !== "") out.path = where.path;
  return out;
}
