import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";

const cleanups: string[] = [];
afterEach(async () => {
  for (const dir of cleanups.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The worker's audit trail goes to a temp state directory, never into the repository. */
const STATE_DIR = await mkdtemp(join(tmpdir(), "warden-errors-state-"));
afterAll(() => rm(STATE_DIR, { recursive: true, force: true }));

async function run(args: string[], cwd = REPO_ROOT) {
  const io = { ...captureIO(cwd), env: { WARDEN_STATE_DIR: STATE_DIR } };
  const code = await runCli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

async function inboxCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "warden-send-"));
  cleanups.push(dir);
  await cp(join(REPO_ROOT, "samples", "inbox"), dir, { recursive: true });
  return dir;
}

describe("errors that point at the fix", () => {
  it("finds the repository root upward from a sub-folder, like git", async () => {
    const sub = join(REPO_ROOT, "samples", "inbox");
    expect((await run(["catalog", "validate"], sub)).code).toBe(0);
    const routed = await run(["route", "I need SSH access to build hosts"], sub);
    expect(routed.out).toContain("route: ssh-build-hosts");
    expect((await run(["worker", "run", "--once"], sub)).code).toBe(0);
  });

  it("says where it looked when there is no catalog/ at or above the directory", async () => {
    const outside = await mkdtemp(join(tmpdir(), "warden-nowhere-"));
    cleanups.push(outside);
    const { code, err } = await run(["route", "ssh"], outside);
    expect(code).toBe(2);
    expect(err).toContain(`no catalog/ in ${outside} or above; run inside the repository or pass --root`);
    expect(err).not.toContain("owners registry not found");
  });

  it("makes hub send --key alone idempotent: the retry returns the same message", async () => {
    const hub = `file:${await inboxCopy()}`;
    const send = ["hub", "send", "--hub", hub, "--to", "ops-warden", "--from", "me", "--subject", "s", "--body", "b", "--key", "retry-1"];
    const first = await run(send);
    const again = await run(send);
    expect(first.code).toBe(0);
    expect(again.code).toBe(0);
    expect(again.out).toBe(first.out);
  });

  it.each([
    ["--to", "--to is empty; give the agent name as text"],
    ["--from", "--from is empty; give the agent name as text"],
    ["--subject", "--subject is empty; give the subject as text"],
    ["--body", "--body is empty; give the body as text"],
  ])("refuses an empty %s with exit 2, naming the flag", async (flag, message) => {
    const hub = `file:${await inboxCopy()}`;
    const values: Record<string, string> = { "--to": "ops-warden", "--from": "me", "--subject": "s", "--body": "b", [flag]: " " };
    const { code, err } = await run(["hub", "send", "--hub", hub, ...Object.entries(values).flat()]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
