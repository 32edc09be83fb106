import { statSync } from "node:fs";
import { UsageError } from "../domain/errors.ts";

/**
 * Environment input is checked like a flag: a bad value is a usage error (exit 2) naming the
 * variable and what it may be, before anything runs. Nothing falls back silently.
 */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** WARDEN_LOG_LEVEL, `info` when unset. */
export function logLevelFrom(env: NodeJS.ProcessEnv, name = "WARDEN_LOG_LEVEL"): LogLevel {
  const value = env[name]?.trim();
  if (!value) return "info";
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  throw new UsageError(`${name} must be one of ${LOG_LEVELS.join(", ")} (got ${JSON.stringify(value.slice(0, 40))})`);
}

/** A directory the worker reads from (`--root`, or a root path from the environment): it must exist. */
export function existingDirectory(path: string, source: string): string {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`${source} ${JSON.stringify(path)} does not exist`);
  }
  if (!isDirectory) throw new UsageError(`${source} ${JSON.stringify(path)} is not a directory`);
  return path;
}

/** WARDEN_STATE_DIR, when set, names a directory: blank is a mistake, not "the default". */
export function checkStateDir(env: NodeJS.ProcessEnv): void {
  if (env.WARDEN_STATE_DIR !== undefined && env.WARDEN_STATE_DIR.trim() === "") {
    throw new UsageError("WARDEN_STATE_DIR is set but empty; unset it for the default .warden/ under the root");
  }
}
