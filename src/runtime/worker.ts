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
import { planTick } from "../worker/tick.ts";
import { checkStateDir, existingDirectory, logLevelFrom } from "./env.ts";
import { auditLocation, startTickAudit } from "./audit.ts";
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
  /** A ready brain instead of the configured kind (tests plan with hostile brains this way). */
  brain?: Brain;
  scanner?: SecretScanner;
  now?: () => Date;
  /** Where JSON log lines go (the CLI passes its redacting stderr); default: nowhere. */
  log?: (line: string) => void;
  /** Audit notices of each tick (the scheduled-mode rollout warning, redaction counts) for stderr. */
  onNotice?: (text: string) => void;
  /** True for `--execute`: the tick's audit takes the config's mode and leaves per-action events to the executor. */
  executing?: boolean;
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
  /** One dry-run tick over the inbox; `stopRequested` is checked between messages. */
  tick(stopRequested: () => boolean): Promise<PlanDocument>;
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
  const hub = createHubClient(options.hubUrl, hubDeps);
  const hubLabel = describeHub(options.hubUrl, hubDeps);
  const now = options.now ?? (() => new Date());
  const location = auditLocation(root, options.env, config);
  const tick = async (stopRequested: () => boolean) => {
    // A dry-run audits to the local trail only (the rollout check reads it): no hub sink here.
    // When executing, the executor records each action itself; the tick records its summary.
    const audit = startTickAudit({ location, config, env: options.env, mode: options.executing ? config.mode : "dry-run", now });
    const doc = await planTick({ hub, hubLabel, brainName: planner.brainName, config, planMessage: (m) => planner.plan(m), concurrency: planner.concurrency ?? 1, beginTick: () => planner.beginTick(), now, stopRequested, logger }).catch(
      async (error: unknown) => {
        await audit.recordFailure(error);
        throw error;
      },
    );
    if (!options.executing) await audit.recordPlannedActions(doc);
    await audit.recordTickSummary(doc);
    for (const notice of await audit.finish()) options.onNotice?.(notice);
    return doc;
  };
  return { config, configSource, planner, hub, hubLabel, logger, tick };
}
