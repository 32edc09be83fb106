import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { ExitStatus } from "../../src/cli/io.ts";
import { buildProgram, runCli } from "../../src/cli/program.ts";
import { captureIO } from "../catalog/helpers.ts";

async function run(args: string[]) {
  const io = captureIO();
  const code = await runCli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** Every command a user can run, by its words after `warden`. */
function runnable(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const words = [...prefix, sub.name()];
    const own = (sub as unknown as { _actionHandler: unknown })._actionHandler ? [words] : [];
    return [...own, ...runnable(sub, words)];
  });
}

/** Every command, groups and `warden` itself included. */
function all(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [[...prefix, sub.name()], ...all(sub, [...prefix, sub.name()])]);
}

const PROGRAM = await buildProgram({ io: captureIO(), status: new ExitStatus() }, []);
const COMMANDS = runnable(PROGRAM);

describe("gh-style help on every command", () => {
  it("finds the commands (the list is not empty by accident)", () => {
    expect(COMMANDS.map((c) => c.join(" "))).toEqual(expect.arrayContaining(["worker run", "hub send", "hub serve", "hub show", "catalog validate", "route", "activity", "activity verify"]));
  });

  it.each([[""], ...all(PROGRAM)].map((c) => [c.join(" "), c]))("`warden %s --help` has usage, flags, examples, environment and exit codes", async (_name, words) => {
    const { code, out } = await run([...words.filter((w) => w !== ""), "--help"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: warden/m);
    expect(out).toMatch(/^Options:\n/m);
    expect(out).toMatch(/^Examples:\n {2}\$ warden /m);
    expect(out).toMatch(/^Environment:\n/m);
    expect(out).toMatch(/^Exit codes:\n {2}0 /m);
  });

  it("marks hub send's required flags in the usage line and the flags", async () => {
    const { out } = await run(["hub", "send", "--help"]);
    expect(out).toContain("Usage: warden hub send --to <agent> --from <agent> --subject <text> --body <text> [options]");
    for (const flag of ["--to <agent>", "--from <agent>", "--subject <text>", "--body <text>"]) expect(out).toMatch(new RegExp(`${flag}\\s+\\(required\\)`));
  });

  it("says in hub serve --help that WARDEN_HUB_TOKEN turns on auth", async () => {
    const { out } = await run(["hub", "serve", "--help"]);
    expect(out).toMatch(/WARDEN_HUB_TOKEN\s+when set, the token every request must carry/);
  });

  it.each([["route"], ["catalog", "validate"], ["worker", "run"]])("says that %s --root is searched upward", async (...words) => {
    const { out } = await run([...words, "--help"]);
    const root = /--root <dir>([\s\S]*?)\n {2}-/.exec(out)?.[1]?.replace(/\s+/g, " ") ?? "";
    expect(root).toContain("searched upward from the current one");
    expect(root).not.toContain("(default: current directory)");
  });

  it("tells worker run --help the truth about what a dry-run writes", async () => {
    const { out } = await run(["worker", "run", "--help"]);
    const flat = out.replace(/\s+/g, " ");
    expect(flat).not.toContain("writes nothing");
    expect(flat).toContain("records it in the audit trail");
  });
});

describe("command-line mistakes", () => {
  it.each([
    [["worker", "run", "--onc"], "warden: unknown option '--onc' (did you mean --once?); see `warden worker run --help`"],
    [["hub", "send", "--to", "x"], "warden: required option '--from <agent>' not specified; see `warden hub send --help`"],
    [["hub", "snd"], "warden: unknown command 'snd' (did you mean send?); see `warden hub --help`"],
  ])("%j prints one line with the hint, not the whole help", async (args, line) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toBe(`${line}\n`);
    expect(out).toBe("");
  });
});
