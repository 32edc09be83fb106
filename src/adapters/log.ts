import { pino } from "pino";
import type { Logger as PinoLogger } from "pino";
import type { Logger } from "../domain/logger.ts";

/** Field names that could carry a credential; pino replaces them wherever they appear. */
const REDACT_PATHS = ["token", "*.token", "authorization", "*.authorization", "headers.authorization", "password", "*.password", "secret", "*.secret"];

/**
 * A pino logger writing JSON lines through `write` — the CLI passes its stderr writer, which
 * already redacts the environment's credential values, so logs share that last line of defence.
 */
export function createLogger(write: (line: string) => void, level = "info"): Logger & PinoLogger {
  return pino({ level, base: { name: "ops-warden" }, redact: { paths: REDACT_PATHS, censor: "[REDACTED]" } }, { write });
}
