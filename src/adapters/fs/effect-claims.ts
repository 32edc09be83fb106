import { mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import type { Claim, EffectClaims } from "../../domain/claims.ts";

const ClaimFileSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.string(), url: z.url().optional() });
type ClaimFile = z.infer<typeof ClaimFileSchema>;

/** A claim of another host (or an unreadable one) is presumed abandoned after this long. */
const FOREIGN_STALE_MS = 15 * 60 * 1000;

/**
 * Claims as files under the state directory, created exclusively (`wx`): the file system decides
 * which of two ticks on one checkout gets a key. A finished claim keeps the effect's URL, so a
 * later tick that listed GitHub before the effect existed still does not create it twice.
 */
export function fileEffectClaims(dir: string, self = { pid: process.pid, host: hostname() }, now: () => Date = () => new Date()): EffectClaims {
  const pathOf = (key: string) => join(dir, `${key.replace(/[^A-Za-z0-9_-]/g, "_")}.json`);
  const mine = (): ClaimFile => ({ ...self, since: now().toISOString() });

  async function create(path: string): Promise<boolean> {
    await mkdir(dir, { recursive: true });
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(JSON.stringify(mine()));
      await handle.close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw error;
    }
  }

  return {
    async claim(key) {
      const path = pathOf(key);
      if (await create(path)) return { kind: "mine", takenOver: false };
      const held = await readClaim(path);
      if (held?.url) return { kind: "done", url: held.url };
      if (held && isLive(held, self, now())) return { kind: "busy", holder: `pid ${held.pid} on ${held.host} since ${held.since}` };
      // Abandoned by a dead tick: take it over (the caller looks its marker up first).
      await writeFile(path, JSON.stringify(mine()));
      return { kind: "mine", takenOver: true } satisfies Claim;
    },
    async done(key, url) {
      await writeFile(pathOf(key), JSON.stringify({ ...mine(), url }));
    },
    async release(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

async function readClaim(path: string): Promise<ClaimFile | undefined> {
  try {
    const parsed = ClaimFileSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isLive(held: ClaimFile, self: { pid: number; host: string }, now: Date): boolean {
  if (held.host !== self.host) return now.getTime() - Date.parse(held.since) < FOREIGN_STALE_MS;
  if (held.pid === self.pid) return true;
  try {
    process.kill(held.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
