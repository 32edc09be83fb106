import type { z } from "zod";
import type { Owner, Route } from "../domain/catalog.ts";
import { CatalogFileSchema, OwnerSchema, OwnersFileSchema, RouteSchema } from "../domain/catalog.ts";
import type { CatalogProblem, PathSegment } from "./problems.ts";
import { error, warning } from "./problems.ts";
import type { YamlSource } from "./yaml-source.ts";
import { issuesToProblems } from "./yaml-source.ts";

/** An entry that passed its schema, with where it came from (cross-file checks need the line). */
export interface Located<T> {
  value: T;
  file: string;
  /** Field path of the entry inside its file, e.g. `["routes", 2]`. */
  path: PathSegment[];
  source: YamlSource;
}

export interface ParsedEntries<T> {
  entries: Located<T>[];
  problems: CatalogProblem[];
  /**
   * Ids of entries that are there but failed their schema (already reported): references to
   * them are not "unknown", which would be a follow-on error pointing the wrong way.
   */
  invalidIds: string[];
}

const ROUTE_KEYS = Object.keys(RouteSchema.shape);
const OWNER_KEYS = Object.keys(OwnerSchema.shape);

export function parseRoutesFile(source: YamlSource): ParsedEntries<Route> {
  return parseEntries(source, "routes", {
    fileSchema: CatalogFileSchema,
    entrySchema: RouteSchema,
    entryKeys: ROUTE_KEYS,
    hint: "a catalog file holds a `routes:` list (owners live in catalog/owners.yaml)",
  });
}

export function parseOwnersFile(source: YamlSource): ParsedEntries<Owner> {
  return parseEntries(source, "owners", {
    fileSchema: OwnersFileSchema,
    entrySchema: OwnerSchema,
    entryKeys: OWNER_KEYS,
    hint: "the owners registry holds an `owners:` list",
  });
}

interface EntrySchemas<T> {
  fileSchema: { safeParse(v: unknown): { success: true } | { success: false; error: { issues: z.core.$ZodIssue[] } } };
  entrySchema: { safeParse(v: unknown): { success: true; data: T } | { success: false } };
  entryKeys: readonly string[];
  hint: string;
}

function parseEntries<T>(source: YamlSource, listKey: string, schemas: EntrySchemas<T>): ParsedEntries<T> {
  const problems = [...source.problems];
  if (source.problems.some((p) => p.severity === "error")) return { entries: [], problems, invalidIds: [] };
  const value = source.value;
  if (value === null || value === undefined) {
    problems.push(warning(source.file, `empty file; ${schemas.hint}`, { line: 1 }));
    return { entries: [], problems, invalidIds: [] };
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push(error(source.file, `expected a mapping; ${schemas.hint}`, { line: 1 }));
    return { entries: [], problems, invalidIds: [] };
  }
  const checked = schemas.fileSchema.safeParse(value);
  if (!checked.success) {
    const knownKeys = (path: readonly PathSegment[]): readonly string[] => (path.length === 0 ? [listKey] : schemas.entryKeys);
    problems.push(...issuesToProblems(source, checked.error.issues, knownKeys));
  }
  const list = (value as Record<string, unknown>)[listKey];
  const entries: Located<T>[] = [];
  const invalidIds: string[] = [];
  if (Array.isArray(list)) {
    list.forEach((item, index) => {
      const parsed = schemas.entrySchema.safeParse(item);
      if (parsed.success) entries.push({ value: parsed.data, file: source.file, path: [listKey, index], source });
      else if (item !== null && typeof item === "object" && typeof (item as { id?: unknown }).id === "string") invalidIds.push((item as { id: string }).id);
    });
  }
  return { entries, problems, invalidIds };
}
