import type { Command } from "commander";
import { Help } from "commander";
import type { CliContext } from "../program.ts";

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Every top-level command and the module that registers it, in the order `--help` lists them.
 * A module is imported only when its command runs, so `warden route` never loads the worker, git
 * or GitHub, and `--version` and `--help` load none of them (see commandSummary).
 */
export const COMMAND_GROUPS: readonly { name: string; load: () => Promise<Register> }[] = [
  { name: "catalog", load: async () => (await import("./catalog.ts")).registerCatalogCommands },
  { name: "route", load: async () => (await import("./route.ts")).registerRouteCommands },
  { name: "hub", load: async () => (await import("./hub.ts")).registerHubCommands },
  { name: "worker", load: async () => (await import("./worker.ts")).registerWorkerCommands },
  { name: "activity", load: async () => (await import("./activity.ts")).registerActivityCommands },
  { name: "rollout", load: async () => (await import("./rollout.ts")).registerRolloutCommands },
  { name: "sign", load: async () => (await import("./sign.ts")).registerSignCommands },
];

/** What the top-level help shows of a command. */
export interface CommandSummary {
  name: string;
  aliases: string[];
  /** As commander's help prints it: `route [options] <question...>`. */
  term: string;
  description: string;
}

/**
 * The summaries the build read from the registered commands themselves (scripts/build.ts), so the
 * built CLI can print the full help without loading any command module. From the sources it is
 * undefined and the modules are loaded instead; a test compares the two helps.
 */
declare const __WARDEN_COMMAND_SUMMARY__: CommandSummary[] | undefined;
const BUILT_SUMMARY = typeof __WARDEN_COMMAND_SUMMARY__ === "undefined" ? undefined : __WARDEN_COMMAND_SUMMARY__;

/**
 * Registers what `argv` needs: only its command's module when it names one (`help <command>`
 * too), none for `--version`, and for anything else (the full help, or an unknown command, which
 * commander answers with the list and a suggestion) every command: their summaries when built,
 * their modules otherwise.
 */
export async function registerCommands(program: Command, ctx: CliContext, argv: readonly string[], summary = BUILT_SUMMARY): Promise<void> {
  const [first, second] = argv;
  if (first === "--version" || first === "-V") return;
  const named = first === "help" ? second : first;
  const only = COMMAND_GROUPS.find((group) => group.name === named);
  if (!only && summary) return registerSummaries(program, summary);
  const registers = await Promise.all((only ? [only] : COMMAND_GROUPS).map((group) => group.load()));
  for (const register of registers) register(program, ctx);
}

/** Every registered top-level command as the help lists it (what the build stores). */
export function commandSummary(program: Command): CommandSummary[] {
  const help = program.createHelp();
  return help
    .visibleCommands(program)
    .filter((command) => command.name() !== "help")
    .map((command) => ({ name: command.name(), aliases: command.aliases(), term: help.subcommandTerm(command), description: help.subcommandDescription(command) }));
}

/** Commands that only show in the help; running one goes through its module (registerCommands). */
function registerSummaries(program: Command, summary: readonly CommandSummary[]): void {
  const terms = new Map(summary.map((s) => [s.name, s.term]));
  const configured = program.configureHelp();
  program.configureHelp({ ...configured, subcommandTerm: (command) => terms.get(command.name()) ?? new Help().subcommandTerm(command) });
  for (const s of summary) program.command(s.name).aliases(s.aliases).description(s.description);
}
