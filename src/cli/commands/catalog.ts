import type { Command } from "commander";
import type { CliContext } from "../program.ts";

export function registerCatalogCommands(_program: Command, _ctx: CliContext): void {}
