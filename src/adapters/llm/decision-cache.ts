import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DecisionCache } from "../../domain/llm.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";

/** A stored decision is a few kilobytes; a bigger file is not one of ours. */
const MAX_ENTRY_BYTES = 256 * 1024;

/**
 * Model decisions as one JSON file per key under `<state dir>/llm-decisions/`. Reads never throw:
 * a missing, unreadable or oversized entry is a miss, and the brain validates whatever it gets.
 */
export function createFileDecisionCache(dir: string): DecisionCache {
  const pathOf = (key: string) => {
    if (!/^[a-f0-9]{16,64}$/.test(key)) throw new Error("decision keys are hex digests");
    return join(dir, `${key}.json`);
  };
  return {
    async read(key: string): Promise<unknown> {
      try {
        const text = await readFile(pathOf(key), "utf8");
        return text.length > MAX_ENTRY_BYTES ? undefined : (JSON.parse(text) as unknown);
      } catch {
        return undefined;
      }
    },
    async write(key: string, value: unknown): Promise<void> {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(pathOf(key), `${JSON.stringify(value)}\n`);
    },
  };
}
