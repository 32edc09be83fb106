import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Called after the temp file is durable and before it replaces the target; tests inject crashes here. */
export type BeforeRename = (target: string, tempPath: string) => void | Promise<void>;

/**
 * Replaces `target` so that a reader, or a process that dies at any instant, sees either the old
 * content or the new, never a mix: write a temp file beside it, fsync, rename over, fsync the dir.
 * A writer killed before the rename leaves a stray `*.tmp` file that readers never look at.
 */
export async function writeFileAtomic(target: string, data: string, beforeRename?: BeforeRename): Promise<void> {
  const tempPath = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(tempPath, "wx", 0o644);
    try {
      await handle.writeFile(data, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await beforeRename?.(target, tempPath);
    await rename(tempPath, target);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(target));
}

/** Makes the rename itself durable. Some platforms cannot open a directory; the rename still happened. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort by design: durability of the directory entry is an extra, not a correctness need.
  }
}
