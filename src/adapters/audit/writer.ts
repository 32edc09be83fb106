import { mkdir, open, truncate } from "node:fs/promises";
import { join } from "node:path";
import type { ChainHead, SealedLine } from "../../audit/chain.ts";
import { EMPTY_HEAD, openLine, sealRecord } from "../../audit/chain.ts";
import { AuditError } from "../../domain/errors.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import type { LockOptions } from "../fs/lock.ts";
import { processIsAlive, withLock } from "../fs/lock.ts";
import { fileIndex, fileName, HEAD_FILE, lastCompleteLine, listAuditFiles } from "./files.ts";

export interface AuditFileOptions {
  dir: string;
  /** A file that would grow past this starts the next one; the chain continues across files. */
  maxFileBytes: number;
  lock?: Partial<LockOptions>;
}

/** Where a written record ended up. */
export interface WrittenRecord {
  file: string;
  seq: number;
}

const DEFAULT_LOCK: LockOptions = {
  timeoutMs: 30_000,
  staleMs: 10 * 60_000,
  pollMs: 50,
  clock: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  isAlive: processIsAlive,
  busy: (waitedMs) => new AuditError(`the audit trail is locked by another writer (waited ${waitedMs} ms)`),
};

/**
 * Appends records to the chain, durably: under the directory lock (the worker, a relay and the
 * CLI may write at once), continuing from the last line on disk, rotating by size, then fsync and
 * the saved head. Files are only ever appended to; the one exception is a torn last line (a
 * writer killed mid-write, never fsynced), which is cut off before appending.
 */
export async function appendRecords(options: AuditFileOptions, records: readonly Record<string, unknown>[]): Promise<WrittenRecord[]> {
  if (records.length === 0) return [];
  await mkdir(options.dir, { recursive: true });
  return withLock(options.dir, { ...DEFAULT_LOCK, ...options.lock }, async () => {
    let { index, size, head } = await currentPosition(options.dir);
    const written: WrittenRecord[] = [];
    const chunks = new Map<number, string[]>();
    for (const record of records) {
      const sealed: SealedLine = sealRecord(record, head);
      const bytes = Buffer.byteLength(sealed.line) + 1;
      if (size > 0 && size + bytes > options.maxFileBytes) [index, size] = [index + 1, 0];
      const lines = chunks.get(index) ?? [];
      lines.push(sealed.line);
      chunks.set(index, lines);
      size += bytes;
      head = sealed.head;
      written.push({ file: fileName(index), seq: head.seq });
    }
    for (const [i, lines] of chunks) await appendDurably(join(options.dir, fileName(i)), `${lines.join("\n")}\n`);
    await writeFileAtomic(join(options.dir, HEAD_FILE), `${JSON.stringify(head)}\n`);
    return written;
  });
}

async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, "a", 0o644);
  try {
    await handle.write(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

interface Position {
  index: number;
  size: number;
  head: ChainHead;
}

/** The newest file, its size, and the chain head: the last complete line, going back past empty files. */
async function currentPosition(dir: string): Promise<Position> {
  const files = await listAuditFiles(dir);
  const newest = files.at(-1);
  if (!newest) return { index: 1, size: 0, head: EMPTY_HEAD };
  let size = 0;
  for (let i = files.length - 1; i >= 0; i -= 1) {
    const path = join(dir, files[i] as string);
    const tail = await lastCompleteLine(path);
    if (tail.end < tail.size) await truncate(path, tail.end);
    if (i === files.length - 1) size = tail.end;
    if (tail.text !== undefined) return { index: fileIndex(newest), size, head: headOf(tail.text, files[i] as string) };
  }
  return { index: fileIndex(newest), size, head: EMPTY_HEAD };
}

function headOf(text: string, file: string): ChainHead {
  const opened = openLine(text);
  const seq = opened && (JSON.parse(opened.body) as { seq?: unknown }).seq;
  if (!opened || typeof seq !== "number") {
    throw new AuditError(`the last line of ${file} in the audit trail is damaged; run \`warden activity verify\``);
  }
  return { seq, hash: opened.hash };
}
