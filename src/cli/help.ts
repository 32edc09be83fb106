import type { Command } from "commander";

/**
 * gh-style help: after commander's usage and flags, every command says how it is used
 * (examples), what it reads from the environment, and what its exit codes mean. Each command
 * file describes its own commands with `describeHelp`; `completeHelp` gives any command that did
 * not the common environment and exit codes, so no command's help is silent about them.
 */
export interface HelpSections {
  /** `[command line, what it does]`; the command line is shown as typed. */
  examples?: readonly (readonly [string, string])[];
  /** `[variable, meaning]` beyond the common ones. */
  environment?: readonly (readonly [string, string])[];
  /** `[code, meaning]`; default: 0 ok, 1 failure, 2 usage error. */
  exitCodes?: readonly (readonly [string, string])[];
}

export const ROOT_OPTION_HELP = "repository root holding catalog/ and playbooks/ (default: the nearest directory holding catalog/, searched upward from the current one, as git does)";

export const HUB_OPTION_HELP = "State Hub: http(s)://… or file:DIR (default: WARDEN_HUB_URL, else the sample inbox; writes go to a scratch copy under the state dir)";

export const EXIT_OK_FAIL_USAGE: readonly (readonly [string, string])[] = [
  ["0", "done"],
  ["1", "failed (the reason is on stderr)"],
  ["2", "usage error or refused: bad flags, invalid config, missing hub directory"],
];

const COMMON_ENVIRONMENT: readonly (readonly [string, string])[] = [
  ["NO_COLOR", "set to print without colour (output that is not a terminal never has colour)"],
  ["WARDEN_LOG_LEVEL", "fatal | error | warn | info (default) | debug | trace | silent"],
];

/**
 * The top-level help's own examples: the built CLI lists its commands from summaries without
 * loading them, so the root cannot borrow its commands' examples there.
 */
export const ROOT_HELP: HelpSections = {
  examples: [
    ["warden route \"I need SSH access to build hosts\"", "who handles a credential need, and how"],
    ["warden catalog validate", "check catalog/ and playbooks/"],
    ["warden worker run --once", "one dry-run tick over the sample inbox: the compact plan"],
    ["warden activity --since 12h", "what the worker did in the last 12 hours"],
  ],
};

const DESCRIBED = new WeakMap<Command, HelpSections>();

export function describeHelp(command: Command, sections: HelpSections): Command {
  DESCRIBED.set(command, sections);
  command.addHelpText("after", renderSections(sections));
  return command;
}

/**
 * Gives every command without its own sections the ones `byPath` holds for it (by full name,
 * e.g. `warden activity show`), else the common ones; called once the tree is built.
 */
export function completeHelp(command: Command, byPath: Readonly<Record<string, HelpSections>> = {}): void {
  for (const sub of command.commands) completeHelp(sub, byPath);
  if (DESCRIBED.has(command)) return;
  const own = byPath[fullName(command)];
  // A group (`warden hub`, `warden` itself) shows the first example of each of its commands.
  const examples = own?.examples ?? command.commands.flatMap((sub) => DESCRIBED.get(sub)?.examples?.slice(0, 1) ?? []);
  describeHelp(command, { ...own, examples });
}

export function renderSections(sections: HelpSections): string {
  const blocks: string[] = [];
  if (sections.examples?.length) blocks.push(block("Examples", sections.examples.map(([line, what]) => `  $ ${line}\n      ${what}`)));
  blocks.push(block("Environment", table([...(sections.environment ?? []), ...COMMON_ENVIRONMENT])));
  blocks.push(block("Exit codes", table(sections.exitCodes ?? EXIT_OK_FAIL_USAGE)));
  return `\n${blocks.join("\n\n")}\n`;
}

function block(title: string, lines: readonly string[]): string {
  return `${title}:\n${lines.join("\n")}`;
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`);
}

/**
 * Commander's errors, one line each with the hint and where the full help is, instead of the
 * whole help after the error (which pushed the error itself off the screen).
 */
export function oneLineErrors(command: Command, writeErr: (text: string) => void): void {
  const name = fullName(command);
  command.configureOutput({ outputError: (text) => writeErr(`${oneLineError(text)}; see \`${name} --help\`\n`) });
  for (const sub of command.commands) oneLineErrors(sub, writeErr);
}

export function oneLineError(text: string): string {
  const line = text
    .trim()
    .replace(/^error:\s*/i, "")
    .split("\n")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .join(" ")
    .replace(/\(Did you mean/g, "(did you mean");
  return `warden: ${line}`;
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(" ");
}
