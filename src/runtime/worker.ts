import { resolve } from "node:path";
import { createHubClient, describeHub } from "../adapters/hub/index.ts";
import { createLogger } from "../adapters/log.ts";
import type { Brain } from "../brain/brain.ts";
import { loadConfig } from "../config/load.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { HubClient } from "../domain/hub.ts";
import type { Logger } from "../domain/logger.ts";
import type { SecretScanner } from "../domain/secrets.ts";
import type { PlanDocument } from "../worker/plan/document.ts";
import { WardenError } from "../domain/errors.ts";
import { checkStateDir, existingDirectory, logLevelFrom, triggerFrom } from "./env.ts";
import { auditLocation } from "./audit.ts";
import { auditBranchTarget } from "./audit-branch.ts";
import type { Executor, ExecutorOptions } from "./executor.ts";
import { stateDir } from "./model.ts";
import type { TickRequest, TickRun } from "./tick.ts";
import { runTick } from "./tick.ts";
import type { Planner } from "./planner.ts";
import { buildPlanner } from "./planner.ts";
import { withPlanPool } from "./plan-pool.ts";

export interface WorkerOptions {
  /** Repository root holding catalog/ and playbooks/; relative to `cwd`. */
  root: string;
  /** Config file (relative to `cwd`); default `.github/ops-warden.yml` under the root. */
  configFile?: string | undefined;
  /** Brain kind; default the config's `brain:`, else cascade when a model endpoint is configured, else rule. */
  brainKind?: string | undefined;
  /** Hub URL; default WARDEN_HUB_URL, then the sample inbox. */
  hubUrl?: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** A ready hub client instead of one built from `hubUrl` (tests reach a local server past nock this way). */
  hub?: HubClient;
  /** A ready brain instead of the configured kind (tests plan with hostile brains this way). */
  brain?: Brain;
  scanner?: SecretScanner;
  now?: () => Date;
  /** Where JSON log lines go (the CLI passes its redacting stderr); default: nowhere. */
  log?: (line: string) => void;
  /** Audit notices of each tick (the scheduled-mode rollout warning, redaction counts) for stderr. */
  onNotice?: (text: string) => void;
  /** True for `--execute`: the tick carries the plan out (refused in mode dry-run) and audits under the config's mode. */
  executing?: boolean;
  /** With `executing`: the checkout whose origin receives warden/ branches (default `cwd`); also where the audit branch lives. */
  repoDir?: string | undefined;
  /** Tests and benchmarks: the executor's seams (no retry waits, timing wrappers). */
  executorSeams?: Pick<ExecutorOptions, "octokit" | "wrap">;
  /** Human-readable log lines (a terminal) and colour in them; JSON lines otherwise. */
  logStyle?: { pretty: boolean; colour: boolean };
  /** Aborts the hub's in-flight calls (the CLI's SIGINT), so a stop does not wait out retries. */
  signal?: AbortSignal;
}

/** Everything one worker needs, assembled with production defaults. */
export interface Worker {
  config: WardenConfig;
  /** The config file read, or undefined for the built-in defaults. */
  configSource: string | undefined;
  planner: Planner;
  hub: HubClient;
  /** The hub as shown in plans and logs (never a token). */
  hubLabel: string;
  /** At WARDEN_LOG_LEVEL; reaches the tick and the planner, so a guard that throws is logged. */
  logger: Logger;
  /** Where the worker acts, when it executes: shown before the first tick. */
  executor: Pick<Executor, "repository" | "apiUrl" | "mode"> | undefined;
  /** One whole tick (lock, plan, execute, record, dashboard, audit); `ran: false` when another tick holds the lock. */
  runTick(request: TickRequest): Promise<TickRun>;
  /** `runTick` for callers that only want the plan; a held lock is an error here. */
  tick(stopRequested: () => boolean): Promise<PlanDocument>;
  dispose(): Promise<void>;
}

/** Another tick holds the lock (only `tick`, the plan-only shortcut, throws it; `runTick` reports it). */
export class TickBusyError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code = "tick-busy";
}

/**
 * The composition root for the worker: config, brain, catalog, route index and hub, from flags,
 * config and environment. Every entry point (CLI, app, tests, benchmarks) builds through here.
 */
export async function buildWorker(options: WorkerOptions): Promise<Worker> {
  const root = existingDirectory(resolve(options.cwd, options.root), "--root");
  checkStateDir(options.env);
  const logger = createLogger(options.log ?? (() => undefined), { level: logLevelFrom(options.env), ...options.logStyle });
  const { config, source: configSource } = await loadConfig(root, options.configFile ? resolve(options.cwd, options.configFile) : undefined);
  const inProcess = await buildPlanner({
    root,
    config,
    brainKind: options.brainKind,
    env: options.env,
    logger,
    ...(options.brain ? { brain: options.brain } : {}),
    ...(options.scanner ? { scanner: options.scanner } : {}),
  });
  // The rule brain plans on threads under the per-message deadline. A model brain plans here:
  // its per-tick call budget and decision cache are the process's, and its time is the model's.
  const threaded = config.worker.plan_threads > 0 && inProcess.brainName === "rule" && !options.brain && !options.scanner;
  const planner = threaded ? withPlanPool(inProcess, { root, config, brainKind: "rule", env: options.env }) : inProcess;
  const hubDeps = { env: options.env, cwd: options.cwd, ...(options.signal ? { signal: options.signal } : {}) };
  const hub = options.hub ?? createHubClient(options.hubUrl, hubDeps);
  const hubLabel = describeHub(options.hubUrl, hubDeps);
  const now = options.now ?? (() => new Date());
  const location = auditLocation(root, options.env, config);
  const repoDir = resolve(options.cwd, options.repoDir ?? ".");
  const executor = options.executing
    ? await (await import("./executor.ts")).buildExecutor({ config, configSource, hub, scanner: inProcess.scanner, env: options.env, cwd: options.cwd, repoDir: options.repoDir, ...options.executorSeams })
    : undefined;
  const parts = { config, planner, hub, hubLabel, logger, stateDir: stateDir(root, options.env), location, root, env: options.env, trigger: triggerFrom(options.env), branch: auditBranchTarget(repoDir, options.env, config), executor, now };
  const run = (request: TickRequest) => runTick(parts, request);
  const tick = async (stopRequested: () => boolean) => {
    const done = await run({ stopRequested });
    if (!done.ran) throw new TickBusyError(done.reason);
    for (const notice of done.notices) options.onNotice?.(notice);
    return done.doc;
  };
  const shown = executor && { repository: executor.repository, apiUrl: executor.apiUrl, mode: executor.mode };
  return { config, configSource, planner, hub, hubLabel, logger, executor: shown, runTick: run, tick, dispose: async () => executor?.dispose() };
}
