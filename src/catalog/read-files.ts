import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { CatalogError } from "../domain/errors.ts";
import { CATALOG_DIR, PLAYBOOKS_DIR } from "./files.ts";

/**
 * The one place the catalog touches the disk: reads `catalog/*.yaml|yml` and `playbooks/*.md`
 * under `root` as raw bytes (validation decides whether they are text). A missing directory reads
 * as empty, so validation can say what is missing instead of failing on a stack trace.
 */
export async function readCatalogFiles(root: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  await readDir(root, CATALOG_DIR, /\.ya?ml$/, files);
  await readDir(root, PLAYBOOKS_DIR, /\.md$/, files);
  return files;
}

async function readDir(root: string, dir: string, pattern: RegExp, into: Map<string, Uint8Array>): Promise<void> {
  let names: string[];
  try {
    const entries = await readdir(join(root, dir), { withFileTypes: true });
    names = entries.filter((e) => e.isFile() && pattern.test(e.name)).map((e) => e.name);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new CatalogError(`cannot read ${dir}/: ${(cause as Error).message}`, { cause });
  }
  for (const name of names.sort()) {
    const path = `${dir}/${name}`;
    try {
      into.set(path, await readFile(join(root, dir, name)));
    } catch (cause) {
      throw new CatalogError(`cannot read ${path}: ${(cause as Error).message}`, { cause });
    }
  }
}

