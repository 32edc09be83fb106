/* eslint-disable no-control-regex -- these tests match escape sequences on purpose */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/adapters/log.ts";
import { runCli } from "../../src/cli/program.ts";
import { colourSafe } from "../../src/cli/styled-safe.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";

const ESC = "\u001b";
const HOSTILE = `${ESC}[2J${ESC}]0;owned${ESC}\\ wipe ${ESC}[31mred`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "warden-colour-"));
  await cp(join(REPO_ROOT, "samples", "inbox"), join(dir, "hub"), { recursive: true });
  const file = join(dir, "hub", "messages.json");
  const state = JSON.parse(await readFile(file, "utf8")) as { messages: Record<string, unknown>[] };
  state.messages = [{ ...state.messages[0], id: "msg-hostile", subject: `SSH ${HOSTILE}` }];
  await writeFile(file, JSON.stringify(state));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function plan(env: NodeJS.ProcessEnv, tty: boolean) {
  const io = { ...captureIO(REPO_ROOT), env: { WARDEN_STATE_DIR: join(dir, "state"), ...env }, ...(tty ? { tty: { out: true, err: true, columns: 120 } } : {}) };
  const code = await runCli(["worker", "run", "--once", "--hub", `file:${join(dir, "hub")}`], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** Every escape sequence in the text, as written. */
const escapes = (text: string) => [...text.matchAll(/\u001b[^a-zA-Z]*[a-zA-Z\\]?/g)].map((m) => m[0]);

describe("colour on a terminal, plain otherwise", () => {
  it("colours the plan on a TTY with only the CLI's own colour codes, none of the message's", async () => {
    const { code, out, err } = await plan({}, true);
    expect(code).toBe(0);
    expect(escapes(out).length).toBeGreaterThan(0);
    for (const seq of escapes(out + err)) expect(seq).toMatch(/^\u001b\[[0-9;]*m$/);
    expect(out).toMatch(/msg-hostile .*\u001b\[32manswer ssh-build-hosts/);
    expect(out).not.toContain(`${ESC}[2J`);
    expect(out).not.toContain(`${ESC}[31mred`);
  });

  it.each([
    ["NO_COLOR set on a TTY", { NO_COLOR: "1" }, true],
    ["piped", {}, false],
  ])("prints no escape at all when %s", async (_why, env, tty) => {
    const { code, out, err } = await plan(env, tty);
    expect(code).toBe(0);
    expect(escapes(out + err)).toEqual([]);
    expect(out).toContain("msg-hostile");
  });
});

describe("log lines on a terminal", () => {
  it("keep the logger's colours and filter the fields", () => {
    let written = "";
    const log = createLogger((line) => (written += colourSafe(line)), { pretty: true, colour: true });
    log.warn({ message_id: `msg-1 ${HOSTILE}` }, `tick failed: ${HOSTILE}`);
    expect(written).toMatch(/\u001b\[33mWARN\u001b\[39m/);
    expect(written).not.toContain("?[33m");
    for (const seq of escapes(written)) expect(seq).toMatch(/^\u001b\[[0-9;]*m$/);
    expect(written).toContain("?[2J?]0;owned?\\ wipe ?[31mred");
  });
});

describe("colourSafe", () => {
  it("keeps plain SGR colours and turns every other control sequence into ?", () => {
    expect(colourSafe(`${ESC}[1;32mok${ESC}[0m`)).toBe(`${ESC}[1;32mok${ESC}[0m`);
    expect(colourSafe(`${ESC}[8mhidden${ESC}[5mblink${ESC}[2Kline${ESC}[H`)).toBe("?[8mhidden?[5mblink?[2Kline?[H");
    // Black on black (or any colour the CLI never uses) could hide a line: not a colour the CLI wrote.
    expect(colourSafe(`${ESC}[30;40mhidden${ESC}[0m`)).toBe(`?[30;40mhidden${ESC}[0m`);
    expect(colourSafe(`a\u202Eb\u009b31mc`)).toBe("a?b?31mc");
  });
});
