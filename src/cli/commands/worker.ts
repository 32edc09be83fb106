import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { UsageError } from "../../domain/errors.ts";
import type { Executor, Worker } from "../../runtime/index.ts";
import { buildExecutor, buildWorker } from "../../runtime/index.ts";
import { processStopSignal } from "../../adapters/stop-signal.ts";
import { runLoop } from "../../worker/loop.ts";
import { executionLine, withOutcomes } from "../../worker/execute/report.ts";
import type { PlanDocument } from "../../worker/plan/document.ts";
import { renderPlanText } from "../../worker/plan/render-text.ts";
import type { CliContext } from "../program.ts";

interface WorkerRunOptions {
  once?: boolean;
  dryRun?: boolean;
  execute?: boolean;
  json?: boolean;
  brain?: string;
  hub?: string;
  config?: string;
  root?: string;
  interval?: number;
  repoDir?: string;
}

export function registerWorkerCommands(program: Command, ctx: CliContext): void {
  const worker = program.command("worker").description("answer ops-warden's State Hub inbox");
  worker
    .command("run")
    .description("plan every unread inbox message through the brain and the guardrails (dry-run: prints the plan, writes nothing)")
    .option("--once", "run a single tick and exit (default: loop until SIGINT/SIGTERM)")
    .option("--dry-run", "print the plan; sends nothing to the hub or GitHub, only records it in the local audit trail (the default)")
    .option("--execute", "carry out the plan: PRs, escalation issues, hub replies, mark read (refused in mode: dry-run)")
    .option("--json", "print the versioned plan document (docs/plan-format.md) instead of text")
    .option("--brain <kind>", "brain to plan with: rule | llm | cascade (default: config, else cascade when a model endpoint is configured, else rule)")
    .option("--hub <url>", "State Hub: http(s)://… or file:DIR (default: WARDEN_HUB_URL, then the sample inbox)")
    .option("--config <file>", "config file (default: .github/ops-warden.yml under --root)")
    .option("--root <dir>", "repository root holding catalog/ and playbooks/ (default: current directory)")
    .option("--repo-dir <dir>", "with --execute: the checkout whose origin receives warden/ branches (default: current directory)")
    .option("--interval <seconds>", "seconds between ticks when looping (default: config worker.interval_seconds)", parseSeconds)
    .action((options: WorkerRunOptions) => runWorker(options, ctx));
}

async function runWorker(options: WorkerRunOptions, ctx: CliContext): Promise<void> {
  if (options.execute && options.dryRun) throw new UsageError("--execute and --dry-run contradict each other");
  const built = await buildWorker({
    root: options.root ?? ".",
    configFile: options.config,
    brainKind: options.brain,
    hubUrl: options.hub,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    log: (line) => ctx.io.err(line),
    onNotice: (text) => ctx.io.err(text),
  });
  const { config, planner, hubLabel, logger: log } = built;
  const executor = options.execute ? await prepareExecutor(built, options, ctx) : undefined;
  const stop = processStopSignal();
  let executedTicks = 0;
  try {
    const tick = async () => {
      const doc = await built.tick(() => stop.requested);
      if (!executor) return print(doc, options, ctx);
      executedTicks += 1;
      const result = await executor.run(doc, `${doc.generated_at}#${executedTicks}`);
      print(withOutcomes(doc, result, { repository: executor.repository, mode: executor.mode === "dry-run" ? "manual" : executor.mode }), options, ctx);
      ctx.io.err(executionLine(result));
      if (result.summary.failed > 0) ctx.status.code = 1;
    };
    if (options.once) {
      await tick();
      return;
    }
    const intervalSeconds = options.interval ?? config.worker.interval_seconds;
    log.info({ hub: hubLabel, brain: planner.brainName, interval_seconds: intervalSeconds }, "worker started");
    const ticks = await runLoop(tick, intervalSeconds * 1000, stop, (error) => log.error({ error: describeError(error) }, "tick failed; retrying next interval"));
    log.info({ ticks }, "worker stopped");
  } finally {
    stop.dispose();
    await executor?.dispose();
  }
}

/** Refuses early (mode, credentials) and says where the worker will act before it does. */
async function prepareExecutor(worker: Worker, options: WorkerRunOptions, ctx: CliContext): Promise<Executor> {
  const executor = await buildExecutor({
    config: worker.config,
    configSource: worker.configSource,
    hub: worker.hub,
    scanner: worker.planner.scanner,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    repoDir: options.repoDir,
  });
  ctx.io.err(`acting on repository ${executor.repository} (${executor.apiUrl}), hub ${worker.hubLabel}, mode ${executor.mode}`);
  return executor;
}

function print(doc: PlanDocument, options: WorkerRunOptions, ctx: CliContext): void {
  ctx.io.out(options.json ? JSON.stringify(doc, null, 2) : renderPlanText(doc));
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 86_400) throw new InvalidArgumentError("must be a whole number of seconds between 1 and 86400");
  return n;
}
