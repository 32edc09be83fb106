import { statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, UsageError } from "../../domain/errors.ts";
import { packageRoot } from "../package-root.ts";
import type { HubClient } from "../../domain/hub.ts";
import { createFileHubClient } from "./file/client.ts";
import { createScratchHubClient, scratchExists } from "./file/scratch.ts";
import type { FileHubStoreOptions } from "./file/store.ts";
import type { HttpHubOptions } from "./http/client.ts";
import { createHttpHubClient } from "./http/client.ts";

export { createFileHubClient } from "./file/client.ts";
export { FileHubStore } from "./file/store.ts";
export { createHttpHubClient } from "./http/client.ts";
export type { HttpHubOptions } from "./http/client.ts";
export { startHubServer } from "./server/server.ts";
export type { RunningHubServer } from "./server/server.ts";

/** What `describeHub` prints when neither a URL nor WARDEN_HUB_URL is given (and nothing was sent yet). */
export const DEFAULT_HUB_DESCRIPTION = "file:samples/inbox";

/** The default hub's scratch copy, under the state dir: writes never touch the tracked samples. */
export const SCRATCH_HUB_DIR = "sample-inbox";

export interface HubDeps {
  env?: NodeJS.ProcessEnv;
  /** The repository root, for the default sample inbox; the package holding this code (package-root.ts). */
  repoRoot?: string;
  /** Relative `file:` paths resolve against this; defaults to process.cwd(). */
  cwd?: string;
  /** Extra options for the HTTP client (fetch, dispatcher, timeouts, retry, clock, sleep, random). */
  http?: Omit<HttpHubOptions, "baseUrl" | "token">;
  /** Extra options for the file hub (clock, ids, lock tuning, test seams). */
  file?: Omit<FileHubStoreOptions, "dir">;
  /** Cancels in-flight HTTP calls at once (SIGINT); the call fails as `aborted`, nothing half-done. */
  signal?: AbortSignal;
}

export type HubTarget =
  | { kind: "http"; url: string; source: HubSource }
  | { kind: "file"; dir: string; source: HubSource; scratch?: string };
export type HubSource = "argument" | "env" | "default";

/** Which hub a URL (or its absence) selects: argument, then WARDEN_HUB_URL, then the sample inbox. */
export function resolveHub(url: string | undefined, deps: HubDeps = {}): HubTarget {
  const env = deps.env ?? process.env;
  const repoRoot = deps.repoRoot ?? packageRoot();
  const chosen = url?.trim() ? { value: url.trim(), source: "argument" as const } : env.WARDEN_HUB_URL?.trim() ? { value: env.WARDEN_HUB_URL.trim(), source: "env" as const } : undefined;
  if (!chosen) return { kind: "file", dir: resolve(repoRoot, "samples", "inbox"), source: "default", scratch: scratchDir(env, repoRoot) };
  const { value, source } = chosen;
  if (/^https?:\/\//i.test(value)) {
    if (!URL.canParse(value)) throw new ConfigError("hub URL is not a valid URL");
    const parsed = new URL(value);
    // Credentials in a URL end up in logs and process lists; the token has its own variable.
    if (parsed.username || parsed.password) throw new ConfigError("hub URL must not carry credentials; set WARDEN_HUB_TOKEN instead");
    return { kind: "http", url: value, source };
  }
  if (/^file:/i.test(value)) {
    const dir = value.startsWith("file://") ? fileURLToPath(value) : value.slice("file:".length);
    if (!dir) throw new ConfigError("a file: hub URL needs a directory, e.g. file:samples/inbox");
    return { kind: "file", dir: resolve(deps.cwd ?? process.cwd(), dir), source };
  }
  throw new ConfigError("hub URL must start with http://, https:// or file:");
}

/** `$WARDEN_STATE_DIR/sample-inbox` (relative to the repository root), default `.warden/sample-inbox`. */
function scratchDir(env: NodeJS.ProcessEnv, repoRoot: string): string {
  const state = env.WARDEN_STATE_DIR?.trim() ? resolve(repoRoot, env.WARDEN_STATE_DIR) : join(repoRoot, ".warden");
  return join(state, SCRATCH_HUB_DIR);
}

/** The hub for `url`, chosen as `resolveHub` says; the token comes from WARDEN_HUB_TOKEN. */
export function createHubClient(url: string | undefined, deps: HubDeps = {}): HubClient {
  const target = resolveHub(url, deps);
  if (target.kind === "file") {
    if (target.scratch) return createScratchHubClient({ ...deps.file, samples: target.dir, scratch: target.scratch });
    return readsRequireDirectory(createFileHubClient({ ...deps.file, dir: target.dir }), target.dir, target.source === "env" ? "WARDEN_HUB_URL" : "--hub");
  }
  const env = deps.env ?? process.env;
  return createHttpHubClient({ ...deps.http, ...(deps.signal ? { signal: deps.signal } : {}), baseUrl: target.url, token: env.WARDEN_HUB_TOKEN || undefined });
}

/**
 * Reading a file hub whose directory is missing is a typo, not an empty inbox: "0 messages" would
 * be a false all-clear. Writers (send, and `hub serve --data`) create the directory as before.
 */
function readsRequireDirectory(client: HubClient, dir: string, source: string): HubClient {
  return {
    ...client,
    async *unread(agent) {
      requireDirectory(dir, source);
      yield* client.unread(agent);
    },
    get: async (messageId) => {
      requireDirectory(dir, source);
      return client.get(messageId);
    },
  };
}

function requireDirectory(dir: string, source: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${source}: hub directory ${dir} does not exist (a file: hub is a directory holding messages.json; create it or fix the path)`);
  }
  if (!isDirectory) throw new UsageError(`${source}: ${dir} is not a directory (a file: hub is a directory holding messages.json)`);
}

/**
 * A one-line, safe description of the chosen hub for CLI output: no token (it never is part of
 * the URL we print), no userinfo, no query string. File hubs inside the repository are shown
 * relative to it, e.g. `file:samples/inbox`.
 */
export function describeHub(url: string | undefined, deps: HubDeps = {}): string {
  const target = resolveHub(url, deps);
  if (target.kind === "http") {
    const parsed = new URL(target.url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  }
  const repoRoot = deps.repoRoot ?? packageRoot();
  if (target.scratch && scratchExists(target.scratch)) return `file:${shownPath(repoRoot, target.scratch)} (scratch copy of samples/inbox)`;
  return `file:${shownPath(repoRoot, target.dir)}`;
}

function shownPath(repoRoot: string, dir: string): string {
  const inRepo = relative(repoRoot, dir);
  return inRepo && !inRepo.startsWith("..") && !isAbsolute(inRepo) ? inRepo.split("\\").join("/") : dir;
}
