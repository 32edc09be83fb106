import { z } from "zod";
import { suggest } from "../domain/suggest.ts";
import type { YamlText } from "../domain/yaml-problems.ts";
import { issuePath, parseYamlText } from "../domain/yaml-problems.ts";
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
  const yaml = parseYamlText(text);
  const errors = yaml.syntax.filter((e) => e.fatal);
  if (errors.length > 0) return { config: undefined, problems: errors.map((e) => ({ path: "", line: e.line, message: e.message })) };
  const raw: unknown = yaml.value ?? {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { config: undefined, problems: [{ path: "", line: 1, message: "must be a YAML mapping" }] };
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return { config: undefined, problems: parsed.error.issues.flatMap((issue) => toProblems(issue, yaml)) };
}

/** One problem per zod issue, and one per unknown key, each at its own line. */
function toProblems(issue: z.core.$ZodIssue, yaml: YamlText): ConfigProblem[] {
  const segments = issuePath(issue).map(String);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: [...segments, key].join("."), line: yaml.lineOf([...segments, key]), message: unknownKey(key, segments) }));
  }
  return [{ path: segments.join("."), line: yaml.lineOf(segments), message: describe(issue, yaml.value, segments) }];
}

/** The setting an unknown key was probably meant to be, as the catalog's checks say; else what there is. */
function unknownKey(key: string, at: readonly string[]): string {
  const known = knownKeys(at);
  const hint = suggest(key, known);
  if (hint) return `unknown key "${key}"${hint}`;
  const where = at.length > 0 ? `${at.join(".")} takes` : "the settings are";
  return `unknown key "${key}" (not a setting ops-warden has${known.length > 0 ? `; ${where} ${known.join(", ")}` : ""})`;
}

function describe(issue: z.core.$ZodIssue, document: unknown, at: readonly string[]): string {
  if (issue.code !== "invalid_value") return issue.message;
  const value = valueAt(document, at);
  const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
  return `${JSON.stringify(value)} is not allowed; expected one of ${allowed}${suggest(String(value), issue.values.map(String))}`;
}

function valueAt(document: unknown, path: readonly string[]): unknown {
  let node = document;
  for (const segment of path) node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
  return node;
}

/** The setting names of the object at `path` in the config schema (defaults and optionals unwrapped). */
function knownKeys(path: readonly string[]): string[] {
  let schema: z.ZodType | undefined = ConfigSchema;
  for (const segment of [...path, ""]) {
    while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (!(schema instanceof z.ZodObject)) return [];
    if (segment === "") return Object.keys(schema.shape);
    schema = (schema.shape as Record<string, z.ZodType | undefined>)[segment];
  }
  return [];
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
