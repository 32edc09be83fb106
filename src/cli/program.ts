import { Command, CommanderError } from "commander";
import { WardenError } from "../domain/errors.ts";
import { redactKnownValues, secretValuesFromEnv } from "../domain/secrets.ts";
import { terminalSafe } from "../domain/text-safety.ts";
import type { CliIO } from "./io.ts";
import { ExitStatus } from "./io.ts";
import { registerCommands } from "./commands/index.ts";
import { colourSafe } from "./styled-safe.ts";
import { colourWanted } from "./terminal.ts";
import { ROOT_HELP, completeHelp, oneLineErrors } from "./help.ts";

export interface CliContext {
  io: CliIO;
  status: ExitStatus;
}

/** The program with the commands `argv` needs registered (commands/index.ts loads them lazily). */
export async function buildProgram(ctx: CliContext, argv: readonly string[]): Promise<Command> {
  const program = new Command("warden")
    .description("ops-warden: routes credential needs to their owner systems and never holds a secret.")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  await registerCommands(program, ctx, argv);
  completeHelp(program, { warden: ROOT_HELP });
  oneLineErrors(program, (s) => ctx.io.err(s));
  return program;
}

/**
 * Runs the CLI and returns the exit code. This is the one place errors become exit codes:
 * typed `WardenError`s carry their own (1 failure, 2 usage/refused), anything else is 1.
 */
export async function runCli(argv: readonly string[], rawIO: CliIO): Promise<number> {
  const io = safeIO(rawIO);
  const ctx: CliContext = { io, status: new ExitStatus() };
  try {
    await (await buildProgram(ctx, argv)).parseAsync([...argv], { from: "user" });
    return ctx.status.code;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // Help and version also arrive here, with exit code 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof WardenError) {
    io.err(`warden: ${error.message}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`warden: unexpected error: ${message}`);
  if (io.env.WARDEN_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
  return 1;
}

/**
 * Every line the CLI prints passes here: credential values from the environment never get out,
 * and no control character from a message, a catalog or a hub reaches the terminal. On a
 * terminal that wants colour, the CLI's own colour codes pass (see colourSafe).
 */
function safeIO(io: CliIO): CliIO {
  const values = secretValuesFromEnv(io.env);
  const filter = (stream: "out" | "err") => (colourWanted(io, stream) ? colourSafe : terminalSafe);
  const [outFilter, errFilter] = [filter("out"), filter("err")];
  return { ...io, out: (text) => io.out(outFilter(redactKnownValues(text, values))), err: (text) => io.err(errFilter(redactKnownValues(text, values))) };
}
