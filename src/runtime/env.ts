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

/** WARDEN_AUDIT_REF: the branch on origin that keeps the audit across fresh runners; undefined when unset. */
export function auditRefFrom(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.WARDEN_AUDIT_REF?.trim();
  if (env.WARDEN_AUDIT_REF !== undefined && !value) throw new UsageError("WARDEN_AUDIT_REF is set but empty; unset it to keep the audit only in the local trail");
  if (value && !/^warden\/[A-Za-z0-9._/-]+$/.test(value)) throw new UsageError(`WARDEN_AUDIT_REF must name a warden/ branch, e.g. warden/audit (got ${JSON.stringify(value.slice(0, 60))})`);
  return value || undefined;
}

/** What started a tick, recorded on its audit event: the rollout gate counts deployment ticks by it. */
export type TickTrigger = "schedule" | "dispatch" | "local" | "other";

/** From GITHUB_EVENT_NAME, as GitHub Actions sets it; unset means a run on someone's machine. */
export function triggerFrom(env: NodeJS.ProcessEnv): TickTrigger {
  const event = env.GITHUB_EVENT_NAME?.trim();
  if (!event) return "local";
  if (event === "schedule") return "schedule";
  if (event === "workflow_dispatch") return "dispatch";
  return "other";
}
