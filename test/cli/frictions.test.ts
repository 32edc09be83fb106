import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";

const cleanups: string[] = [];
afterEach(async () => {
  for (const dir of cleanups.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(dir);
  return dir;
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const state = env.WARDEN_STATE_DIR ?? (await tempDir("warden-state-"));
  const io = { ...captureIO(REPO_ROOT), env: { WARDEN_STATE_DIR: state, ...env } };
  const code = await runCli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const SEND = ["hub", "send", "--to", "ops-warden", "--from", "build-runner", "--subject", "ssh", "--body", "I need SSH access to build hosts"];

describe("ids given by a unique prefix (worker run --message)", () => {
  it("plans the one message a prefix names, and lists the matches of an ambiguous one", async () => {
    const hub = await tempDir("warden-hub-");
    await cp(join(REPO_ROOT, "samples", "inbox"), hub, { recursive: true });
    const sent = await run([...SEND, "--hub", `file:${hub}`]);
    const id = sent.out.trim();
    expect(id).toMatch(/^msg-[0-9a-f-]{36}$/);

    const one = await run(["worker", "run", "--once", "--hub", `file:${hub}`, "--message", `${id.slice(0, 12)}…`]);
    expect(one.code).toBe(0);
    expect(one.out).toContain(id);
    expect(one.out).not.toContain("msg-0001");

    const ambiguous = await run(["worker", "run", "--once", "--hub", `file:${hub}`, "--message", "msg-000"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(/--message msg-000: matches \d+ messages \(msg-0001, msg-0002, .*\); give more of the id/);
  });
});

describe("the loop's interval on the command line", () => {
  it.each(["1", "4"])("refuses --interval %s: the config's minimum of 5 s holds here too", async (seconds) => {
    const { code, err } = await run(["worker", "run", "--interval", seconds]);
    expect(code).toBe(2);
    expect(err).toContain("must be a whole number of seconds from 5 (the shortest interval, as in the config's worker.interval_seconds) to 86400");
  });
});

describe("a file hub that does not exist", () => {
  it.each([
    [["hub", "inbox"]],
    [["hub", "show", "msg-0001"]],
    [["worker", "run", "--once"]],
  ])("%j --hub file:<missing> exits 2 naming the path", async (args) => {
    const missing = join(await tempDir("warden-nohub-"), "typo");
    const { code, out, err } = await run([...args, "--hub", `file:${missing}`]);
    expect(code).toBe(2);
    expect(err).toContain(`--hub: hub directory ${missing} does not exist`);
    expect(out).not.toContain("0 unread");
  });

  it("says WARDEN_HUB_URL when the path came from there", async () => {
    const missing = join(await tempDir("warden-nohub-"), "typo");
    const { code, err } = await run(["hub", "inbox"], { WARDEN_HUB_URL: `file:${missing}` });
    expect(code).toBe(2);
    expect(err).toContain(`WARDEN_HUB_URL: hub directory ${missing} does not exist`);
  });
});

describe("hub send without --hub", () => {
  it("never rewrites the tracked sample inbox: it writes a scratch copy that the next worker run reads", async () => {
    const tracked = join(REPO_ROOT, "samples", "inbox", "messages.json");
    const before = await readFile(tracked, "utf8");
    const state = await tempDir("warden-state-");
    const sent = await run(SEND, { WARDEN_STATE_DIR: state });
    expect(sent.code).toBe(0);
    expect(sent.err).toContain(`hub: file:${join(state, "sample-inbox")} (scratch copy of samples/inbox)`);
    expect(await readFile(tracked, "utf8")).toBe(before);
    const scratch = JSON.parse(await readFile(join(state, "sample-inbox", "messages.json"), "utf8")) as { messages: { id: string }[] };
    expect(scratch.messages.map((m) => m.id)).toContain(sent.out.trim());

    const planned = await run(["worker", "run", "--once", "--message", sent.out.trim()], { WARDEN_STATE_DIR: state });
    expect(planned.code).toBe(0);
    expect(planned.out).toContain(sent.out.trim());
  });

  it("reads the tracked samples while no scratch copy exists, and creates none by reading", async () => {
    const state = await tempDir("warden-state-");
    const inbox = await run(["hub", "inbox"], { WARDEN_STATE_DIR: state });
    expect(inbox.code).toBe(0);
    expect(inbox.out).toContain("hub: file:samples/inbox");
    expect(existsSync(join(state, "sample-inbox"))).toBe(false);
  });
});
