import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";

/** The dry-run's audit trail goes to a temp state directory, never into the repository. */
const STATE_DIR = await mkdtemp(join(tmpdir(), "warden-plan-text-"));
afterAll(() => rm(STATE_DIR, { recursive: true, force: true }));

interface Run {
  code: number;
  out: string;
  err: string;
}

async function plan(args: string[] = [], tty?: { out: boolean; err: boolean; columns?: number }, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const io = { ...captureIO(REPO_ROOT), env: { WARDEN_STATE_DIR: STATE_DIR, ...env }, ...(tty ? { tty } : {}) };
  const code = await runCli(["worker", "run", "--once", ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const lines = (text: string) => text.replace(/\n$/, "").split("\n");
// eslint-disable-next-line no-control-regex -- stripping colour codes to measure what a terminal shows
const widest = (text: string) => Math.max(...lines(text).map((l) => [...l.replace(/\u001b\[[0-9;]*m/g, "")].length));
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe("the plan an operator reads", () => {
  it("is compact by default: ≤ 60 lines for the sample inbox, every line ≤ 120 columns, nothing repeated per message", async () => {
    const { code, out } = await plan();
    expect(code).toBe(0);
    expect(lines(out).length).toBeLessThanOrEqual(60);
    expect(widest(out)).toBeLessThanOrEqual(120);
    expect(out).not.toContain("mark_read");
    expect(out).not.toContain("<!--");
    expect(out).not.toMatch(ANSI);
    // One line per message, with id, sender, subject and outcome.
    expect(out).toMatch(/^msg-0001 +build-runner +"SSH access to the build hosts.*answer ssh-build-hosts$/m);
    expect(out).toMatch(/^msg-0010 +billing-api +"urgent: billing db password" +escalate secret: issue /m);
    expect(out).toMatch(/^msg-0008 .*pull request "catalog: add route /m);
    await expect(out).toMatchFileSnapshot("__snapshots__/plan-compact-piped.txt");
  });

  it("names and pluralises every count in the summary", async () => {
    const { out } = await plan();
    const summary = lines(out).filter((l) => l.startsWith("summary:") || l.startsWith("  ")).join(" ");
    expect(summary).toContain("17 messages");
    expect(summary).toContain("10 route answers");
    expect(summary).toContain("0 free-text replies");
    expect(summary).toContain("2 pull requests");
    expect(summary).toContain("5 escalations");
    expect(summary).toContain("2 quarantined");
    expect(out).not.toMatch(/\b1 (messages|escalations|route answers|pull requests)\b/);
  });

  it("uses symbols and colour on a terminal and fits its width", async () => {
    const { out } = await plan([], { out: true, err: true, columns: 90 });
    expect(out).not.toContain("?[");
    expect(out).toContain("✓");
    expect(widest(out)).toBeLessThanOrEqual(90);
    await expect(out).toMatchFileSnapshot("__snapshots__/plan-compact-tty.txt");
  });

  it("drops colour with NO_COLOR but keeps the terminal layout", async () => {
    const { out } = await plan([], { out: true, err: true, columns: 100 }, { NO_COLOR: "1" });
    expect(out).not.toMatch(ANSI);
    expect(out).toContain("✓ msg-0001");
    expect(widest(out)).toBeLessThanOrEqual(100);
  });

  it("--verbose shows the full view with markers hidden; --show-markers shows them", async () => {
    const { out } = await plan(["--verbose"]);
    expect(out).toContain("mark_read");
    expect(out).toContain("diff:");
    expect(out).toContain("Same route as before in this thread");
    expect(out).toContain("<!-- ops-warden marker (shown with --show-markers) -->");
    expect(out).not.toContain("<!-- ops-warden:v1");
    await expect(out).toMatchFileSnapshot("__snapshots__/plan-verbose-piped.txt");
    const shown = await plan(["--verbose", "--show-markers"]);
    expect(shown.out).toContain("<!-- ops-warden:v1 {");
    // The terminal gets the same full view: verbose is for reading everything.
    expect((await plan(["--verbose"], { out: true, err: true, columns: 80 })).out).toBe(out);
  });

  it("--message ID shows one message in full, and names the ids when it is unknown", async () => {
    const { code, out } = await plan(["--message", "msg-0009"]);
    expect(code).toBe(0);
    expect(out).toContain("msg-0009");
    expect(out).not.toContain("msg-0001");
    expect(out).toContain("propose_playbook_change");
    const missing = await plan(["--message", "msg-9999"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("--message msg-9999: no such message in this plan (planned: msg-0001, msg-0002");
  });

  it("logs human-readable lines on a terminal and JSON lines otherwise; debug adds a line per message", async () => {
    const piped = await plan([], undefined, { WARDEN_LOG_LEVEL: "debug" });
    const records = lines(piped.err).map((l) => JSON.parse(l) as { msg: string; level: number });
    expect(records.filter((r) => r.msg === "message planned")).toHaveLength(17);
    expect(records.some((r) => r.msg === "tick planned")).toBe(true);
    expect((await plan()).err).toBe("");
    const tty = await plan([], { out: false, err: true }, { WARDEN_LOG_LEVEL: "debug", NO_COLOR: "1" });
    expect(tty.err).toMatch(/^\[\d\d:\d\d:\d\d\] DEBUG: message planned/m);
    const bad = await plan([], undefined, { WARDEN_LOG_LEVEL: "chatty" });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("WARDEN_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent");
  });
});
