import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { open, readFile, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

export interface LockOptions {
  /** How long to wait for another writer before failing. */
  timeoutMs: number;
  /** A lock older than this is taken to belong to a writer that died. */
  staleMs: number;
  pollMs: number;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  isAlive: (pid: number) => boolean;
  /** The error to throw when the lock is still held after `timeoutMs`: the owner names what is locked. */
  busy: (waitedMs: number) => Error;
}

export const LOCK_FILE = ".lock";

interface LockRecord {
  pid: number;
  host: string;
  acquired_at: number;
  token: string;
}

/**
 * Runs `fn` holding an exclusive lock on `dir`: a lock file created with O_EXCL, so two processes
 * (or two stores in one process) never interleave a read-modify-write. A lock left by a dead
 * process on this host, or older than `staleMs`, is broken by renaming it away (atomic, so only
 * one waiter wins).
 */
export async function withLock<T>(dir: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const lockPath = join(dir, LOCK_FILE);
  const token = randomBytes(8).toString("hex");
  await acquire(lockPath, token, options);
  try {
    return await fn();
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, token: string, options: LockOptions): Promise<void> {
  const deadline = options.clock() + options.timeoutMs;
  for (;;) {
    const record: LockRecord = { pid: process.pid, host: hostname(), acquired_at: options.clock(), token };
    try {
      const handle = await open(lockPath, "wx", 0o644);
      try {
        await handle.writeFile(JSON.stringify(record));
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await breakIfStale(lockPath, options)) continue;
    if (options.clock() >= deadline) {
      throw options.busy(options.timeoutMs);
    }
    await options.sleep(options.pollMs);
  }
}

async function breakIfStale(lockPath: string, options: LockOptions): Promise<boolean> {
  let text: string;
  let modifiedMs: number;
  try {
    [text, modifiedMs] = await Promise.all([readFile(lockPath, "utf8"), stat(lockPath).then((s) => s.mtimeMs)]);
  } catch {
    return true; // Released between our attempt and this look: try again at once.
  }
  const holder = parseLock(text);
  const acquiredAt = holder?.acquired_at ?? modifiedMs;
  const deadHolder = holder !== undefined && holder.host === hostname() && !options.isAlive(holder.pid);
  if (!deadHolder && options.clock() - acquiredAt <= options.staleMs) return false;
  const aside = `${lockPath}.stale-${randomBytes(6).toString("hex")}`;
  try {
    await rename(lockPath, aside);
    await unlink(aside);
  } catch {
    // Another waiter broke it first; either way the next attempt decides.
  }
  return true;
}

async function release(lockPath: string, token: string): Promise<void> {
  try {
    // Only remove our own lock: if ours was broken as stale, the file now belongs to someone else.
    if (parseLock(await readFile(lockPath, "utf8"))?.token === token) await unlink(lockPath);
  } catch {
    // Already gone.
  }
}

function parseLock(text: string): LockRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.acquired_at === "number" && typeof value.token === "string") {
      return value as LockRecord;
    }
  } catch {
    // A writer died between creating and filling the lock: judged by its mtime instead.
  }
  return undefined;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
