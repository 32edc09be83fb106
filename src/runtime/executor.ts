import { join, resolve } from "node:path";
import { fileEffectClaims } from "../adapters/fs/effect-claims.ts";
import { GitCheckout } from "../adapters/git/checkout.ts";
import type { OctokitRequester } from "../adapters/github/forge.ts";
import { OctokitForge } from "../adapters/github/forge.ts";
import type { GitHubAuth } from "../adapters/github/octokit.ts";
import { createOctokit } from "../adapters/github/octokit.ts";
import { catalogTreeErrors } from "../catalog/index.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { AuditSink } from "../domain/audit.ts";
import { UsageError } from "../domain/errors.ts";
import type { GitHubPort, RepositoryRef } from "../domain/forge.ts";
import type { GitPort } from "../domain/git.ts";
import type { HubClient } from "../domain/hub.ts";
import type { SecretScanner } from "../domain/secrets.ts";
import { secretValuesFromEnv } from "../domain/secrets.ts";
import type { DashboardInput, DashboardWrite } from "../worker/dashboard/index.ts";
import { updateDashboard } from "../worker/dashboard/index.ts";
import type { ExecutionResult } from "../worker/execute/executor.ts";
import { executePlan } from "../worker/execute/executor.ts";
import type { PlanDocument } from "../worker/plan/document.ts";
import type { SshExecuteDeps } from "../worker/execute/sign.ts";
import { buildSshLane } from "./ssh.ts";
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
  now?: () => Date;
  /** Where claims on issue/PR/comment creation live (shared by every tick on it); default the state dir of `repoDir`. */
  stateDir?: string;
  /** Benchmarks: wraps the ports (to time them) before the executor gets them. */
  wrap?: { git(port: GitPort): GitPort; github(port: GitHubPort): GitHubPort };
  /** The SSH lane's signer and signatures log; default from the environment (docs/ssh.md). */
  ssh?: (tickId: string, audit: AuditSink) => SshExecuteDeps;
}

export interface Executor {
  repository: string;
  apiUrl: string;
  mode: WardenConfig["mode"];
  /** Carries out the plan; every action's event goes to `audit` (the tick's one trail). */
  run(doc: PlanDocument, tickId: string, audit: AuditSink): Promise<ExecutionResult>;
  /** The dashboard issue, through the same forge: created and pinned once, rewritten only on change. */
  updateDashboard(input: DashboardInput): Promise<DashboardWrite>;
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
  // The audit branch grows with every tick: the proposal checkout never fetches it.
  const auditRef = env.WARDEN_AUDIT_REF?.trim();
  const git = new GitCheckout({ repoDir: resolve(options.cwd, options.repoDir ?? "."), token, ...(auditRef ? { skipBranches: [auditRef] } : {}) });
  const identity = { name: config.github.bot_name, email: config.github.bot_email };
  const now = options.now ?? (() => new Date());
  const root = resolve(options.cwd, options.repoDir ?? ".");
  const known = secretValuesFromEnv(env);
  const claims = fileEffectClaims(join(options.stateDir ?? stateDir(root, env), "effects"));
  const sshLane = options.ssh ?? ((tickId: string, audit: AuditSink) => buildSshLane({ root, env, config, mode: config.mode, tickId, sink: audit }));
  return {
    repository: `${repository.owner}/${repository.name}`,
    apiUrl,
    mode: config.mode,
    run: (doc, tickId, audit) =>
      executePlan(doc, { github: options.wrap?.github(github) ?? github, git: options.wrap?.git(git) ?? git, hub: options.hub, audit, scanner: options.scanner, knownSecrets: known, claims, identity, config, mode: config.mode, tickId, now, validateTree: (files) => catalogTreeErrors(files, options.scanner), ssh: sshLane(tickId, audit) }).finally(() => git.dispose()),
    updateDashboard: (input) => {
      const port = options.wrap?.github(github) ?? github;
      return updateDashboard(port, input);
    },
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
