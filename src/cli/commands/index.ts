import type { Command } from "commander";
import type { CliContext } from "../program.ts";

/** Each command group registers itself here; the modules only wire adapters to the core. */
export function registerCommands(_program: Command, _ctx: CliContext): void {}
