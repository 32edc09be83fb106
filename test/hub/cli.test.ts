import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HubCommandDeps } from "../../src/cli/commands/hub.ts";
import { registerHubCommands } from "../../src/cli/commands/hub.ts";
import type { CliIO } from "../../src/cli/io.ts";
import { ExitStatus } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli/program.ts";
import { builtEntry } from "../support/built-cli.ts";
import { AGENT, pageWithThreeMalformed, tempDir } from "./fixtures.ts";

const BIN = builtEntry("warden");

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir("hub-cli")));
afterEach(() => cleanup());

function captureIO(env: NodeJS.ProcessEnv = {}): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env, cwd: dir };
}

describe("warden hub send / inbox", () => {
  it("sends to a file hub, prints the id, and lists it", async () => {
    const io = captureIO();
    const argv = ["hub", "send", "--hub", "file:data", "--to", AGENT, "--from", "build-runner", "--subject", "SSH for nightly", "--body", "which route?"];
    expect(await runCli(argv, io)).toBe(0);
    const id = io.stdout.join("").trim();
    expect(id).toMatch(/^msg-/);
    expect(io.stderr).toContain("hub: file:" + join(dir, "data"));

    const list = captureIO();
    expect(await runCli(["hub", "inbox", "--hub", "file:data"], list)).toBe(0);
    const text = list.stdout.join("\n");
    expect(text).toContain(`${AGENT}: 1 unread, 0 quarantined`);
    expect(text).toMatch(new RegExp(`${id}\\s+build-runner\\s+\\S+\\s+SSH for nightly`));
  });

  it("shows one message by id, read or unread, as text and JSON, with control characters made visible", async () => {
    const io = captureIO();
    const body = "line one\nline two \u001b[31mred";
    const argv = ["hub", "send", "--hub", "file:data", "--to", AGENT, "--from", "build-runner", "--subject", "SSH for nightly", "--body", body];
    expect(await runCli(argv, io)).toBe(0);
    const id = io.stdout.join("").trim();
    const shown = captureIO();
    expect(await runCli(["hub", "show", id, "--hub", "file:data"], shown)).toBe(0);
    const text = shown.stdout.join("\n");
    expect(text).toContain(`id:          ${id}`);
    expect(text).toContain("from → to:   build-runner → ops-warden");
    expect(text).toContain("line one\nline two ?[31mred");
    const json = captureIO();
    expect(await runCli(["hub", "show", id, "--json", "--hub", "file:data"], json)).toBe(0);
    expect(JSON.parse(json.stdout.join(""))).toMatchObject({ id, body, status: "unread" });
    const missing = captureIO();
    expect(await runCli(["hub", "show", "msg-nope", "--hub", "file:data"], missing)).toBe(1);
    expect(missing.stderr.join("\n")).toContain('no message "msg-nope"');
  });

  it("uses WARDEN_HUB_URL and prints quarantined messages with reasons, as text and JSON", async () => {
    await writeFile(join(dir, "messages.json"), JSON.stringify({ messages: pageWithThreeMalformed() }));
    const env = { WARDEN_HUB_URL: `file:${dir}` };
    const text = captureIO(env);
    expect(await runCli(["hub", "inbox"], text)).toBe(0);
    expect(text.stdout.join("\n")).toMatch(/7 unread, 3 quarantined[\s\S]*quarantined:\n {2}msg-0003 {2}invalid message: from_agent/);

    const json = captureIO(env);
    expect(await runCli(["hub", "inbox", "--json", "--agent", AGENT], json)).toBe(0);
    const doc = JSON.parse(json.stdout.join("")) as { hub: string; agent: string; messages: unknown[]; quarantined: { message_id: string }[] };
    expect(doc.agent).toBe(AGENT);
    expect(doc.messages).toHaveLength(7);
    expect(doc.quarantined.map((q) => q.message_id)).toEqual(["msg-0003", "msg-0006", "msg-0009"]);
  });

  it("exits 2 on a missing required option or an unsupported hub URL", async () => {
    expect(await runCli(["hub", "send", "--to", AGENT], captureIO())).toBe(2);
    const io = captureIO();
    expect(await runCli(["hub", "inbox", "--hub", "ftp://hub"], io)).toBe(2);
    expect(io.stderr.join("")).toMatch(/hub URL must start with/);
  });

  it("neutralises terminal control characters in hub text", async () => {
    const record = { id: "m1", thread_id: "t", from_agent: "a", to_agent: AGENT, subject: "\u001b[31mred\u0007", body: "b", created_at: "2026-11-20T08:00:00Z", status: "unread" };
    await writeFile(join(dir, "messages.json"), JSON.stringify({ messages: [record] }));
    const io = captureIO();
    await runCli(["hub", "inbox", "--hub", `file:${dir}`], io);
    expect(io.stdout.join("")).toContain("?[31mred?");
  });
});

describe("warden hub serve", () => {
  it("serves the contract until told to stop, then closes", async () => {
    let stop: (signal: string) => void = () => undefined;
    const deps: HubCommandDeps = { untilStopped: () => new Promise((resolve) => (stop = resolve)) };
    const io = captureIO();
    const program = new Command("warden").exitOverride();
    registerHubCommands(program, { io, status: new ExitStatus() }, deps);
    const running = program.parseAsync(["hub", "serve", "--port", "0", "--data", "hub-data"], { from: "user" });

    const url = await waitFor(() => /hub listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.stdout.join("\n"))?.[1]);
    const sent = await fetch(`${url}/v1/messages`, { method: "POST", headers: { "idempotency-key": "k1" }, body: JSON.stringify({ thread_id: "t", in_reply_to: null, from_agent: "a", to_agent: AGENT, subject: "s", body: "b" }) });
    expect(sent.status).toBe(201);
    stop("SIGTERM");
    await running;
    expect(io.stderr.join("\n")).toContain("hub stopped (SIGTERM)");
    await expect(fetch(`${url}/v1/inbox?to_agent=${AGENT}`)).rejects.toThrow();
  });

  it("rejects a bad port with exit 2", async () => {
    expect(await runCli(["hub", "serve", "--port", "99999"], captureIO())).toBe(2);
  });

  it("runs as a process, requires the token when set, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [BIN, "hub", "serve", "--port", "0", "--data", dir], {
      env: { ...process.env, WARDEN_HUB_TOKEN: "proc-token" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const url = await waitFor(() => /hub listening on (\S+)/.exec(stdout)?.[1], 15_000);
      expect((await fetch(`${url}/v1/inbox?to_agent=${AGENT}`)).status).toBe(401);
      const ok = await fetch(`${url}/v1/inbox?to_agent=${AGENT}`, { headers: { authorization: "Bearer proc-token" } });
      expect(ok.status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(stderr).toContain("hub stopped (SIGTERM)");
      expect(stdout + stderr).not.toContain("proc-token");
    } finally {
      child.kill("SIGKILL");
    }
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
