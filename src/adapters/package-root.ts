import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The directory of ops-warden's own package.json, found by walking up from the running module.
 * A fixed number of `..` would differ between the sources (src/adapters/…) and the bundle
 * (dist/…), and the bundle is what the bin and the workflows run. Computed once, on first use.
 */
let found: string | undefined;

export function packageRoot(): string {
  found ??= findUp(dirname(fileURLToPath(import.meta.url)));
  return found;
}

function findUp(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
