import type { Playbook } from "../domain/catalog.ts";
import { memoByText } from "../domain/memo.ts";
import { PlaybookFrontMatterSchema } from "../domain/catalog.ts";
import type { Located } from "./parse-files.ts";
import type { CatalogProblem } from "./problems.ts";
import { error, warning } from "./problems.ts";
import { issuesToProblems, parseYamlSource } from "./yaml-source.ts";

const FRONT_MATTER_KEYS = Object.keys(PlaybookFrontMatterSchema.shape);

export interface ParsedPlaybook {
  playbook: Located<Playbook> | undefined;
  problems: CatalogProblem[];
}

/**
 * A playbook is Markdown with YAML front matter (id, title, owner, lane, routes) and numbered
 * steps. Answers quote the first steps, so a playbook without any is worth a warning. Parses
 * are remembered by text (results are read-only): a change is checked on the same text again.
 */
export const parsePlaybook: (file: string, text: string) => ParsedPlaybook = memoByText(parsePlaybookText);

function parsePlaybookText(file: string, text: string): ParsedPlaybook {
  const split = splitFrontMatter(text);
  if (!split) {
    return { playbook: undefined, problems: [error(file, "missing YAML front matter (a `---` block with id, title, owner, lane, routes)", { line: 1 })] };
  }
  // The front matter starts on line 2 of the file, after the opening `---`.
  const source = parseYamlSource(file, split.frontMatter, 1);
  const problems = [...source.problems];
  if (problems.length > 0) return { playbook: undefined, problems };
  const parsed = PlaybookFrontMatterSchema.safeParse(source.value ?? {});
  if (!parsed.success) {
    problems.push(...issuesToProblems(source, parsed.error.issues, () => FRONT_MATTER_KEYS));
    return { playbook: undefined, problems };
  }
  const meta = parsed.data;
  const expectedId = file.replace(/^.*\//, "").replace(/\.md$/, "");
  if (meta.id !== expectedId) {
    problems.push(error(file, `id "${meta.id}" must match the file name ("${expectedId}")`, { line: source.lineOf(["id"]), path: "id" }));
  }
  const steps = extractSteps(split.body);
  if (steps.length === 0) problems.push(warning(file, "no numbered steps; answers quote the first steps of a playbook", { line: split.bodyLine }));
  const playbook: Playbook = { path: file, meta, body: split.body, steps };
  return { playbook: { value: playbook, file, path: [], source }, problems };
}

interface FrontMatterSplit {
  frontMatter: string;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

function splitFrontMatter(text: string): FrontMatterSplit | undefined {
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") return undefined;
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) return undefined;
  return {
    frontMatter: lines.slice(1, close).join("\n"),
    body: lines.slice(close + 1).join("\n"),
    bodyLine: close + 2,
  };
}

const STEP = /^ {0,3}\d{1,3}[.)]\s+(.*)$/;
const FENCE = /^\s*(```|~~~)/;

/**
 * The top-level numbered list items, in order, as single-line plain text. Indented continuation
 * lines join their step; fenced code blocks are skipped (answers link the playbook for those).
 */
export function extractSteps(body: string): string[] {
  const steps: string[] = [];
  let current: string[] | undefined;
  let inFence = false;
  for (const line of body.split("\n")) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const item = STEP.exec(line);
    if (item) {
      current = [item[1] ?? ""];
      steps.push("");
      steps[steps.length - 1] = plain(current);
    } else if (current && /^\s{2,}\S/.test(line) && !/^\s*[-*+]\s/.test(line)) {
      current.push(line.trim());
      steps[steps.length - 1] = plain(current);
    } else if (line.trim() !== "" && !/^\s/.test(line)) {
      current = undefined;
    }
  }
  return steps.filter((s) => s !== "");
}

function plain(parts: readonly string[]): string {
  return parts
    .join(" ")
    .replace(/\*\*|__/g, "")
    .replace(/\[([^\]]+)\]\([^)]+\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
