import type { CatalogProblem } from "./problems.ts";
import { error } from "./problems.ts";

/**
 * The catalog as data: repository-relative path → content. Bytes are accepted so a reader can
 * hand over files untouched and validation decides what is text; the worker can build the same
 * map from a git tree or a proposed change without touching the disk.
 */
export type CatalogFiles = ReadonlyMap<string, string | Uint8Array>;

export const CATALOG_DIR = "catalog";
export const PLAYBOOKS_DIR = "playbooks";
export const OWNERS_FILE = "catalog/owners.yaml";

const CATALOG_YAML = /^catalog\/[^/]+\.ya?ml$/;
const PLAYBOOK_MD = /^playbooks\/[^/]+\.md$/;

export type FileKind = "owners" | "routes" | "playbook" | "other";

export function fileKind(path: string): FileKind {
  if (path === OWNERS_FILE || path === "catalog/owners.yml") return "owners";
  if (CATALOG_YAML.test(path)) return "routes";
  if (PLAYBOOK_MD.test(path) && !/\/readme\.md$/i.test(path)) return "playbook";
  return "other";
}

export type DecodedFile = { text: string; problem?: undefined } | { text: string; problem: CatalogProblem };

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const UTF8_LOSSY = new TextDecoder("utf-8");

/**
 * Catalog files must be UTF-8 text. Binary content becomes a problem with the line of the first
 * bad byte instead of a crash deep inside the YAML parser; the lossy text is still returned so the
 * secret scan can look at it.
 */
export function decodeCatalogFile(path: string, content: string | Uint8Array): DecodedFile {
  let text: string;
  if (typeof content === "string") {
    text = content;
  } else {
    try {
      text = UTF8.decode(content);
    } catch {
      const lossy = UTF8_LOSSY.decode(content);
      const line = lineOfOffset(lossy, lossy.indexOf("\uFFFD"));
      return { text: lossy, problem: error(path, "not valid UTF-8 text (binary content?); catalog and playbook files must be UTF-8", { line }) };
    }
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    return { text, problem: error(path, "contains binary data (a NUL byte); catalog and playbook files must be text", { line: lineOfOffset(text, nul) }) };
  }
  return { text: text.startsWith("\uFEFF") ? text.slice(1) : text };
}

/** 1-based line of a UTF-16 offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}
