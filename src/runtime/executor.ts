import { join, resolve } from "node:path";
import { fileEffectClaims } from "../adapters/fs/effect-claims.ts";
import { GitCheckout } from "../adapters/git/checkout.ts";
import type { OctokitRequester } from "../adapters/github/forge.ts";
import { OctokitForge } from "../adapters/github/forge.ts";
import type { GitHubAuth } from "../adapters/github/octokit.ts";
import { createOctokit } from "../adapters/github/octokit.ts";
import { createProgressSink } from "../adapters/progress/sink.ts";
import { catalogTreeErrors } from "../catalog/index.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { AuditSink } from "../domain/audit.ts";
import { UsageError } from "../domain/errors.ts";
import type { GitHubPort, RepositoryRef } from "../domain/forge.ts";
import type { GitPort } from "../domain/git.ts";
import type { HubClient } from "../domain/hub.ts";
import type { SecretScanner } from "../domain/secrets.ts";
import { redactKnownValues, secretValuesFromEnv } from "../domain/secrets.ts";
import type { ExecutionResult } from "../worker/execute/executor.ts";
import { executePlan } from "../worker/execute/executor.ts";
import type { PlanDocument } from "../worker/plan/document.ts";
import { stateDir } from "./model.ts";

export interface ExecutorOptions {
  config: WardenConfig;
  /** Where the config came from, for the refusal message (undefined: built-in defaults). */
  configSource: string | undefined;
  hub: HubClient;
  scanner: SecretScanner;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The checkout whose `origin` receives proposal branches (default: `cwd`). */
  repoDir?: string | undefined;
  /** Tests: no retry or throttle waits, a fetch to fake. */
  octokit?: { retry?: boolean; throttle?: boolean; fetch?: typeof fetch };
  audit?: AuditSink;
  now?: () => Date;
  /** Where claims on issue/PR/comment creation live (shared by every tick on it); default the state dir of `repoDir`. */
  stateDir?: string;
  /** Benchmarks: wraps the ports (to time them) before the executor gets them. */
  wrap?: { git(port: GitPort): GitPort; github(port: GitHubPort): GitHubPort };
}

export interface Executor {
  repository: string;
  apiUrl: string;
  mode: WardenConfig["mode"];
  run(doc: PlanDocument, tickId: string): Promise<ExecutionResult>;
  dispose(): Promise<void>;
}

/**
 * Wires the executor for `--execute` from config and the environment, GitHub Actions style:
 * repository, API base, token or App credentials. Refuses (exit 2) in dry-run mode or without
 * credentials, before anything is contacted.
 */
export async function buildExecutor(options: ExecutorOptions): Promise<Executor> {
  const { config, env } = options;
  if (config.mode === "dry-run") {
    const where = options.configSource ?? "the built-in defaults (no .github/ops-warden.yml)";
    throw new UsageError(`--execute is refused: the rollout mode is dry-run in ${where} (key \`mode\`); set mode: manual or mode: scheduled to let the worker act`);
  }
  const repository = parseRepository(env.GITHUB_REPOSITORY?.trim() || config.github.repository);
  const apiUrl = (env.GITHUB_API_URL?.trim() || "https://api.github.com").replace(/\/+$/, "");
  const auth = authFromEnv(env);
  // Client-side pacing (1 s between writes, 3 s between content creations) is GitHub's advice;
  // WARDEN_GITHUB_THROTTLE=off drops it for local fakes. GitHub's own limits still end a tick.
  const pacing = env.WARDEN_GITHUB_THROTTLE === "off" ? { throttle: false } : {};
  const { octokit, token } = await createOctokit({ baseUrl: apiUrl, auth, repository, ...pacing, ...options.octokit });
  const github = new OctokitForge(octokit as unknown as OctokitRequester, repository);
  const git = new GitCheckout({ repoDir: resolve(options.cwd, options.repoDir ?? "."), token });
  const known = secretValuesFromEnv(env);
  const audit = options.audit ?? createProgressSink({ hub: options.hub, logFile: auditLogFile(options), redact: (text) => redactKnownValues(text, known) });
  const identity = { name: config.github.bot_name, email: config.github.bot_email };
  const now = options.now ?? (() => new Date());
  const claims = fileEffectClaims(join(options.stateDir ?? stateDir(resolve(options.cwd, options.repoDir ?? "."), env), "effects"));
  return {
    repository: `${repository.owner}/${repository.name}`,
    apiUrl,
    mode: config.mode,
    run: (doc, tickId) =>
      executePlan(doc, { github: options.wrap?.github(github) ?? github, git: options.wrap?.git(git) ?? git, hub: options.hub, audit, scanner: options.scanner, knownSecrets: known, claims, identity, config, mode: config.mode, tickId, now, validateTree: (files) => catalogTreeErrors(files, options.scanner) }).finally(() => git.dispose()),
    dispose: () => git.dispose(),
  };
}

function parseRepository(value: string | undefined): RepositoryRef {
  if (!value) throw new UsageError("--execute needs the repository: set GITHUB_REPOSITORY=owner/name (or github.repository in the config)");
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value);
  if (!match) throw new UsageError("GITHUB_REPOSITORY must be owner/name");
  return { owner: match[1]!, name: match[2]! };
}

function authFromEnv(env: NodeJS.ProcessEnv): GitHubAuth {
  const token = env.GITHUB_TOKEN?.trim();
  if (token) return { kind: "token", token };
  const appId = env.WARDEN_APP_ID?.trim();
  const privateKey = env.WARDEN_APP_PRIVATE_KEY?.replace(/\\n/g, "\n").trim();
  if (appId && privateKey) {
    const id = env.WARDEN_APP_INSTALLATION_ID?.trim();
    if (id !== undefined && id !== "" && !/^\d+$/.test(id)) throw new UsageError("WARDEN_APP_INSTALLATION_ID must be a number");
    return { kind: "app", appId, privateKey, ...(id ? { installationId: Number(id) } : {}) };
  }
  throw new UsageError("--execute needs GitHub credentials: GITHUB_TOKEN, or WARDEN_APP_ID and WARDEN_APP_PRIVATE_KEY (optionally WARDEN_APP_INSTALLATION_ID)");
}

function auditLogFile(options: ExecutorOptions): string {
  return options.env.WARDEN_EVENTS_LOG?.trim() ? resolve(options.cwd, options.env.WARDEN_EVENTS_LOG.trim()) : join(resolve(options.cwd, options.repoDir ?? "."), ".ops-warden", "events.jsonl");
}
