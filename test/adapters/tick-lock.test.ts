import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireTickLock, describeHolder } from "../../src/adapters/fs/tick-lock.ts";

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "warden-tick-lock-"));
  path = join(dir, "state", "tick.lock");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A pid that certainly belongs to no running process: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

async function plantLock(holder: { pid: number; host: string; started_at: number }, mtime?: Date): Promise<void> {
  await mkdir(path, { recursive: true });
  await writeFile(`${path}.json`, JSON.stringify(holder));
  if (mtime) await utimes(path, mtime, mtime);
}

describe("tick lock", () => {
  it("a second tick while the first holds the lock is refused, naming the holder", async () => {
    const first = await acquireTickLock({ path });
    expect(first.acquired).toBe(true);
    const second = await acquireTickLock({ path });
    expect(second).toMatchObject({ acquired: false, holder: { pid: process.pid, host: hostname() } });
    if (second.acquired) throw new Error("unreachable");
    expect(describeHolder(second.holder)).toMatch(/^another tick is running \(pid \d+ on .+, since \d{4}-\d\d-\d\dT[\d:.]+Z, started \d+s ago\)$/);
    if (first.acquired) await first.release();
    const third = await acquireTickLock({ path });
    expect(third.acquired).toBe(true);
    if (third.acquired) await third.release();
    await expect(stat(path)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("takes over at once from a holder on this host whose pid is gone", async () => {
    await plantLock({ pid: deadPid(), host: hostname(), started_at: Date.now() });
    const lock = await acquireTickLock({ path });
    expect(lock.acquired).toBe(true);
    if (lock.acquired) await lock.release();
  });

  it("does not judge another host's pid, but takes over once that holder is older than the bound", async () => {
    await plantLock({ pid: deadPid(), host: "other-host.example", started_at: 1_000 });
    const young = await acquireTickLock({ path, now: () => 1_000 + 60_000, maxAgeMs: 3_600_000 });
    expect(young.acquired).toBe(false);
    const old = await acquireTickLock({ path, now: () => 1_000 + 3_600_001, maxAgeMs: 3_600_000 });
    expect(old.acquired).toBe(true);
    if (old.acquired) await old.release();
  });

  it("a live holder within the bound keeps the lock", async () => {
    await plantLock({ pid: process.pid, host: hostname(), started_at: Date.now() });
    expect((await acquireTickLock({ path })).acquired).toBe(false);
  });

  it("a lock whose heartbeat stopped (killed before writing its record) goes stale", async () => {
    await mkdir(path, { recursive: true });
    const fresh = await acquireTickLock({ path, heartbeatStaleMs: 5_000 });
    expect(fresh).toEqual({ acquired: false, holder: undefined });
    const past = new Date(Date.now() - 60_000);
    await utimes(path, past, past);
    const lock = await acquireTickLock({ path, heartbeatStaleMs: 5_000 });
    expect(lock.acquired).toBe(true);
    if (lock.acquired) await lock.release();
  });
});
