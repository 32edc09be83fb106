import type { z } from "zod";
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
  return { config: undefined, problems: parsed.error.issues.map((issue) => toProblem(issue, yaml)) };
}

function toProblem(issue: z.core.$ZodIssue, yaml: YamlText): ConfigProblem {
  const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
  const segments = issuePath(issue);
  const line = yaml.lineOf(keys.length > 0 ? [...segments, String(keys[0])] : segments);
  const message = keys.length > 0 ? `unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")} (not a setting ops-warden has)` : issue.message;
  return { path: segments.join("."), line, message };
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
