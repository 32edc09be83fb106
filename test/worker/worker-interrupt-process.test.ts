import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../catalog/helpers.ts";

const STATE_DIR = mkdtempSync(join(tmpdir(), "warden-interrupt-state-"));

/** A hub that takes every request and never answers: the slow hub a newcomer pressed Ctrl-C on. */
const requests: IncomingMessage[] = [];
const server = createServer((req) => void requests.push(req));
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function runAndInterrupt(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "bin", "warden.js"), "worker", "run", ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, WARDEN_HUB_URL: "", WARDEN_STATE_DIR: STATE_DIR, WARDEN_LOG_LEVEL: "info" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    // Ctrl-C once the hub holds the worker's request: the request is in flight.
    const poll = setInterval(() => {
      if (requests.length > 0) {
        clearInterval(poll);
        child.kill("SIGINT");
      }
    }, 20);
    // Without the abort the worker would wait out a 10 s timeout per attempt and its retries.
    const timer = setTimeout(() => (child.kill("SIGKILL"), reject(new Error(`not interrupted: ${err.slice(-300)}`))), 18_000);
    child.on("close", (code) => (clearInterval(poll), clearTimeout(timer), resolve({ code, out, err })));
  });
}

describe("Ctrl-C while a tick waits on a slow hub (real process)", () => {
  it("aborts the in-flight request at once and exits 130, with nothing sent after it", async () => {
    requests.length = 0;
    const result = await runAndInterrupt(["--once", "--hub", url]);
    expect(result.code).toBe(130);
    expect(result.err).toContain("warden: interrupted by SIGINT; in-flight requests were aborted, nothing after them ran, and unfinished messages stay unread");
    expect(result.out).toBe("");
    // One inbox read, no retry of it, and no mark-read or event after it.
    expect(requests.map((r) => `${r.method} ${r.url?.split("?")[0]}`)).toEqual(["GET /v1/inbox"]);
  }, 20_000);

  it("does the same for a looping worker: the tick in flight is cut short, the loop ends, exit 130", async () => {
    requests.length = 0;
    const result = await runAndInterrupt(["--interval", "60", "--hub", url]);
    expect(result.code).toBe(130);
    expect(result.err).toContain("warden: interrupted by SIGINT");
    expect(result.err).not.toContain("tick failed; retrying next interval");
    expect(requests.map((r) => `${r.method} ${r.url?.split("?")[0]}`)).toEqual(["GET /v1/inbox"]);
  }, 20_000);
});
