import { pino } from "pino";
import type { Logger as PinoLogger } from "pino";
import { prettyFactory } from "pino-pretty";
import type { Logger } from "../domain/logger.ts";
import { terminalSafe } from "../domain/text-safety.ts";

/** Field names that could carry a credential; pino replaces them wherever they appear. */
const REDACT_PATHS = ["token", "*.token", "authorization", "*.authorization", "headers.authorization", "password", "*.password", "secret", "*.secret"];

export interface LoggerOptions {
  level?: string;
  /** Human-readable lines (a terminal) instead of JSON lines (files, log collectors). */
  pretty?: boolean;
  colour?: boolean;
}

/**
 * A pino logger writing through `write` — the CLI passes its stderr writer, which already
 * redacts the environment's credential values, so logs share that last line of defence. JSON
 * lines by default; on a terminal, the same records prettified by pino-pretty.
 */
export function createLogger(write: (line: string) => void, options: LoggerOptions | string = {}): Logger & PinoLogger {
  const { level = "info", pretty = false, colour = false } = typeof options === "string" ? { level: options } : options;
  const prettify = pretty ? prettyFactory({ colorize: colour, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,name" }) : undefined;
  // Fields can carry untrusted text (a message id, a hub's error): filtered before pino-pretty
  // colours the line, so the colours are the logger's own and nothing else is a control code.
  const sink = prettify ? (line: string) => write(prettify(safeFields(line))) : write;
  return pino({ level, base: { name: "ops-warden" }, redact: { paths: REDACT_PATHS, censor: "[REDACTED]" } }, { write: sink });
}

/** The JSON record with every string in it terminal-safe; a line that is not JSON passes as it is. */
function safeFields(line: string): string {
  try {
    return JSON.stringify(JSON.parse(line, (_key, value: unknown) => (typeof value === "string" ? terminalSafe(value) : value)));
  } catch {
    return line;
  }
}
