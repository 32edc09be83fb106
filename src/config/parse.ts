import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError } from "../domain/errors.ts";
import type { WardenConfig } from "./schema.ts";
import { ConfigSchema, DEFAULT_CONFIG } from "./schema.ts";

export interface ConfigProblem {
  /** Dotted path inside the file, e.g. `limits.messages_per_tick`; empty for the whole document. */
  path: string;
  line: number | undefined;
  message: string;
}

/**
 * Pure: YAML text → config or the list of problems. Kept apart from reading the file so the
 * rules are testable without a file system (the changesets pattern).
 */
export function parseConfigText(text: string): { config: WardenConfig; problems: [] } | { config: undefined; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      config: undefined,
      problems: doc.errors.map((e) => ({ path: "", line: lineCounter.linePos(e.pos[0]).line, message: e.message.split("\n")[0] ?? e.message })),
    };
  }
  const raw: unknown = doc.toJS() ?? {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { config: undefined, problems: [{ path: "", line: 1, message: "must be a YAML mapping" }] };
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return { config: undefined, problems: parsed.error.issues.map((issue) => toProblem(issue, doc, lineCounter)) };
}

function toProblem(issue: z.core.$ZodIssue, doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter): ConfigProblem {
  const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
  const segments = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  const node = doc.getIn(keys.length > 0 ? [...segments, keys[0]] : segments, true) as { range?: [number, number] } | undefined;
  const keyNode = keys.length > 0 ? findKeyNode(doc, segments, String(keys[0])) : undefined;
  const offset = keyNode?.range?.[0] ?? node?.range?.[0];
  const message = keys.length > 0 ? `unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")} (not a setting ops-warden has)` : issue.message;
  return { path: segments.join("."), line: offset === undefined ? undefined : lineCounter.linePos(offset).line, message };
}

function findKeyNode(doc: ReturnType<typeof parseDocument>, parent: (string | number)[], key: string): { range?: [number, number] } | undefined {
  const map = (parent.length === 0 ? doc.contents : doc.getIn(parent, true)) as { items?: { key?: { value?: unknown; range?: [number, number] } }[] } | null;
  return map?.items?.find((pair) => pair.key?.value === key)?.key;
}

export function formatConfigProblems(file: string, problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${file}${p.line ? `:${p.line}` : ""}: ${p.path || "(document)"}: ${p.message}`).join("\n");
}

/** Parses or throws a ConfigError that names the file, the path and the reason of each problem. */
export function parseConfigOrThrow(file: string, text: string): WardenConfig {
  const result = parseConfigText(text);
  if (result.config) return result.config;
  throw new ConfigError(`invalid config\n${formatConfigProblems(file, result.problems)}`);
}

export { DEFAULT_CONFIG };
