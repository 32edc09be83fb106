import { createReadStream } from "node:fs";
import { open, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";
import type { ChainHead } from "../../audit/chain.ts";
import type { LineLocation } from "../../audit/verify.ts";

/**
 * Layout of the audit directory: `audit-000001.jsonl`, `audit-000002.jsonl`, … in chain order
 * (a new file starts when the current one reaches its size limit), plus `head.json`, the chain
 * head saved at each flush so that lines cut from the end are noticed.
 */
const FILE_NAME = /^audit-(\d{6})\.jsonl$/;
export const HEAD_FILE = "head.json";

export const fileName = (index: number): string => `audit-${String(index).padStart(6, "0")}.jsonl`;

export function fileIndex(name: string): number {
  return Number(FILE_NAME.exec(name)?.[1] ?? 0);
}

/** The audit files of `dir`, oldest first; none when the directory does not exist yet. */
export async function listAuditFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  return names.filter((n) => FILE_NAME.test(n)).sort();
}

const HeadSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export async function readSavedHead(dir: string): Promise<ChainHead | undefined> {
  try {
    return HeadSchema.parse(JSON.parse(await readFile(join(dir, HEAD_FILE), "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`${HEAD_FILE} in the audit directory is unreadable`, { cause: error });
  }
}

export interface AuditLine extends LineLocation {
  text: string;
}

/** Every line of every audit file, oldest first, read as a stream: memory stays flat at any size. */
export async function* readAuditLines(dir: string, fromFile?: string): AsyncGenerator<AuditLine> {
  for (const file of await listAuditFiles(dir)) {
    if (fromFile !== undefined && file < fromFile) continue;
    const lines = createInterface({ input: createReadStream(join(dir, file), { encoding: "utf8", highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line += 1;
      yield { file, line, text };
    }
  }
}

/** The last complete line of a file and the byte length up to its end (a torn tail is excluded). */
export async function lastCompleteLine(path: string): Promise<{ text: string | undefined; end: number; size: number }> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    let chunk = 64 * 1024;
    for (;;) {
      const start = Math.max(0, size - chunk);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lastNewline = buffer.lastIndexOf(0x0a);
      if (lastNewline < 0 && start > 0) {
        chunk *= 2;
        continue;
      }
      if (lastNewline < 0) return { text: undefined, end: 0, size };
      const previous = buffer.lastIndexOf(0x0a, lastNewline - 1);
      if (previous < 0 && start > 0) {
        chunk *= 2;
        continue;
      }
      return { text: buffer.subarray(previous + 1, lastNewline).toString("utf8"), end: start + lastNewline + 1, size };
    }
  } finally {
    await handle.close();
  }
}
