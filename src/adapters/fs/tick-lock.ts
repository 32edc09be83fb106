import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import lockfile from "proper-lockfile";
import { z } from "zod";
import { processIsAlive } from "./lock.ts";

/**
 * One tick at a time on a host (cron may start the next tick while the last one still runs).
 * proper-lockfile holds a lock directory whose mtime it refreshes while we live, so a holder that
 * was killed goes stale after `heartbeatStaleMs`. Two more takeovers it does not know: a holder on
 * this host whose pid is gone (taken over at once), and a holder older than `maxAgeMs` (a hung
 * tick that still refreshes its lock). A holder record beside the lock tells which it is.
 */
export interface TickLockOptions {
  /** The lock's path; `<path>.json` holds who has it. */
  path: string;
  heartbeatStaleMs?: number;
  maxAgeMs?: number;
  isAlive?: (pid: number) => boolean;
  now?: () => number;
  /** Called when another process took the lock over from us (we were judged hung or dead). */
  onCompromised?: (error: Error) => void;
}

const HolderSchema = z.object({ pid: z.number().int(), host: z.string(), started_at: z.number() });
export type TickLockHolder = z.infer<typeof HolderSchema>;

export type TickLock = { acquired: true; release: () => Promise<void> } | { acquired: false; holder: TickLockHolder | undefined };

export const DEFAULT_HEARTBEAT_STALE_MS = 30_000;
export const DEFAULT_MAX_AGE_MS = 2 * 60 * 60 * 1000;

export async function acquireTickLock(options: TickLockOptions): Promise<TickLock> {
  const now = options.now ?? Date.now;
  await mkdir(dirname(options.path), { recursive: true });
  const first = await tryLock(options);
  if (first) return held(first, options, now);
  const holder = await readHolder(options.path);
  if (!shouldTakeOver(holder, options, now)) return { acquired: false, holder };
  // The holder is dead or hung: remove its lock directory and try once more. If another waiter
  // took it over in between, that one wins and we report it as the holder.
  await rm(options.path, { recursive: true, force: true });
  const second = await tryLock(options);
  if (second) return held(second, options, now);
  return { acquired: false, holder: await readHolder(options.path) };
}

async function tryLock(options: TickLockOptions): Promise<(() => Promise<void>) | undefined> {
  try {
    return await lockfile.lock(options.path, {
      lockfilePath: options.path,
      realpath: false,
      retries: 0,
      stale: options.heartbeatStaleMs ?? DEFAULT_HEARTBEAT_STALE_MS,
      onCompromised: options.onCompromised ?? (() => undefined),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") return undefined;
    throw error;
  }
}

async function held(release: () => Promise<void>, options: TickLockOptions, now: () => number): Promise<TickLock> {
  const record: TickLockHolder = { pid: process.pid, host: hostname(), started_at: now() };
  await writeFile(holderPath(options.path), JSON.stringify(record));
  return {
    acquired: true,
    release: async () => {
      await rm(holderPath(options.path), { force: true });
      await release().catch(() => undefined); // Already taken over: nothing of ours to remove.
    },
  };
}

function shouldTakeOver(holder: TickLockHolder | undefined, options: TickLockOptions, now: () => number): boolean {
  // No record yet: the holder is between taking the lock and writing it; the heartbeat decides.
  if (!holder) return false;
  const isAlive = options.isAlive ?? processIsAlive;
  if (holder.host === hostname() && !isAlive(holder.pid)) return true;
  return now() - holder.started_at > (options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
}

async function readHolder(path: string): Promise<TickLockHolder | undefined> {
  try {
    const parsed = HolderSchema.safeParse(JSON.parse(await readFile(holderPath(path), "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function holderPath(path: string): string {
  return `${path}.json`;
}

/** How a refused tick describes who holds the lock. */
export function describeHolder(holder: TickLockHolder | undefined, now: number = Date.now()): string {
  if (!holder) return "another tick is running";
  const seconds = Math.max(0, Math.round((now - holder.started_at) / 1000));
  return `another tick is running (pid ${holder.pid} on ${holder.host}, since ${new Date(holder.started_at).toISOString()}, started ${seconds}s ago)`;
}
