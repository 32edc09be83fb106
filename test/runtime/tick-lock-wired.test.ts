import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileHubClient } from "../../src/adapters/hub/index.ts";
import { runCli } from "../../src/cli/program.ts";
import type { HubClient } from "../../src/domain/hub.ts";
import { buildWorker } from "../../src/runtime/index.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";

let dir: string;
let state: string;
let hubDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "warden-tick-lock-wired-"));
  state = join(dir, "state");
  hubDir = join(dir, "hub");
  await mkdir(hubDir);
  await cp(join(REPO_ROOT, "samples", "inbox", "messages.json"), join(hubDir, "messages.json"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function warden(...args: string[]) {
  const io = { ...captureIO(), env: { WARDEN_STATE_DIR: state } };
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** A file hub whose inbox read waits until `open()` is called: a tick held in the middle. */
function heldHub(): { hub: HubClient; reading: Promise<void>; open: () => void } {
  const inner = createFileHubClient({ dir: hubDir });
  let open!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const reading = new Promise<void>((resolve) => (started = resolve));
  const hub: HubClient = {
    ...inner,
    async *unread(agent) {
      started();
      await gate;
      yield* inner.unread(agent);
    },
  };
  return { hub, reading, open };
}

async function tickEvents(): Promise<number> {
  const out = await warden("activity", "--json", "--limit", "0", "--actor", "worker");
  return out.stdout.split("\n").filter((l) => l.includes('"kind":"tick"')).length;
}

describe("one tick at a time on a state directory", () => {
  it("a second tick while one runs exits 0, names the holder, and does nothing", async () => {
    const held = heldHub();
    const worker = await buildWorker({ root: REPO_ROOT, env: { WARDEN_STATE_DIR: state }, cwd: REPO_ROOT, hub: held.hub });
    const first = worker.runTick({ stopRequested: () => false });
    await held.reading; // the first tick holds the lock and is reading the inbox

    const second = await warden("worker", "run", "--once", "--hub", `file:${hubDir}`);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`another tick is running \\(pid ${process.pid} on ${hostname().replace(/[.]/g, "\\.")}, since \\d{4}-[\\d-]+T[\\d:.]+Z`));
    expect(second.stdout).toBe("");

    held.open();
    const done = await first;
    expect(done.ran).toBe(true);
    // Only the first tick is in the audit: the refused one recorded nothing.
    expect(await tickEvents()).toBe(1);
    // And the lock is free again: the next tick runs.
    expect((await warden("worker", "run", "--once", "--hub", `file:${hubDir}`)).stdout).toContain("msg-0001");
    expect(await tickEvents()).toBe(2);
  });

  it("a lock left by a tick that died is taken over", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    await mkdir(join(state, "tick.lock"), { recursive: true });
    await writeFile(join(state, "tick.lock.json"), JSON.stringify({ pid: Number(dead.stdout), host: hostname(), started_at: Date.now() }));
    const run = await warden("worker", "run", "--once", "--hub", `file:${hubDir}`);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("another tick is running");
    expect(run.stdout).toContain("msg-0001");
    expect(await tickEvents()).toBe(1);
    // Released at the end: nothing of the lock is left behind.
    expect((await readdir(state)).filter((f) => f.startsWith("tick.lock"))).toEqual([]);
  });
});
