import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../catalog/helpers.ts";
import { builtEntry } from "../support/built-cli.ts";

const STATE_DIR = mkdtempSync(join(tmpdir(), "warden-loop-state-"));

/** Runs `warden worker run` as a real process until `ready(stdout, stderr)`, then sends SIGTERM. */
function runUntil(args: string[], ready: (out: string, err: string) => boolean): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtEntry("warden"), "worker", "run", ...args], { cwd: REPO_ROOT, env: { ...process.env, WARDEN_HUB_URL: "", WARDEN_STATE_DIR: STATE_DIR } });
    let out = "";
    let err = "";
    let signalled = false;
    const check = () => {
      if (!signalled && ready(out, err)) {
        signalled = true;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", (d: Buffer) => ((out += d.toString()), check()));
    child.stderr.on("data", (d: Buffer) => ((err += d.toString()), check()));
    const timer = setTimeout(() => (child.kill("SIGKILL"), reject(new Error(`no progress: ${err.slice(-300)}`))), 15_000);
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, out, err })));
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("warden worker run in a loop (real process)", () => {
  it("plans, waits, and stops cleanly on SIGTERM", async () => {
    const result = await runUntil(["--interval", "60"], (out) => out.includes("summary:"));
    expect(result.code).toBe(0);
    // Each tick prints its summary, not the whole plan again.
    expect(result.out).toMatch(/^tick 1 at \d\d:\d\d:\d\dZ · summary: 17 messages · 10 route answers/);
    expect(result.out).not.toContain("msg-0001");
    expect(result.err).toContain('"msg":"worker stopped"');
  });

  it("logs a failing tick and keeps running until stopped", async () => {
    const port = await closedPort();
    const result = await runUntil(["--interval", "60", "--hub", `http://127.0.0.1:${port}`], (_out, err) => err.includes("tick failed"));
    expect(result.code).toBe(0);
    expect(result.err).toContain("tick failed; retrying next interval");
    expect(result.err).toContain('"msg":"worker stopped"');
  });
});
