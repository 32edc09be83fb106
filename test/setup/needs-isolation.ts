/**
 * Which test files must run in a process of their own. Most files share their worker's module
 * cache (vitest `isolate: false`), which saves importing the planner, zod, yaml and the rest once
 * per file. A file cannot share when it changes process-wide state that outlives it: nock patches
 * Node's HTTP stack for the whole process (the next file's real servers then fail), and
 * `vi.mock` / `vi.stubGlobal` / `process.chdir` replace what every later file would import or see.
 * The check follows the file's imports inside test/ (support modules), so a new file that
 * uses nock through a helper is isolated without anyone listing it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const PROCESS_WIDE = /from\s+["']nock["']|\bvi\.(mock|doMock|stubGlobal)\s*\(|process\.chdir\s*\(/;
const IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

export function needsIsolation(file: string, testRoot: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  if (PROCESS_WIDE.test(text)) return true;
  for (const [, spec] of text.matchAll(IMPORT)) {
    const target = resolve(dirname(file), spec as string);
    // Only test helpers: src/ is what every file shares on purpose.
    if (relative(testRoot, target).startsWith("..") || !existsSync(target)) continue;
    if (needsIsolation(target, testRoot, seen)) return true;
  }
  return false;
}

/** The test files under test/ (paths relative to `root`) that need a process of their own. */
export function isolatedTestFiles(root: string): string[] {
  const testRoot = join(root, "test");
  const files = readdirSync(testRoot, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".test.ts"));
  return files.map((f) => join("test", f).split("\\").join("/")).filter((file) => needsIsolation(join(root, file), testRoot)).sort();
}
