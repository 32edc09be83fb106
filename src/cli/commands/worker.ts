import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { UsageError } from "../../domain/errors.ts";
import { buildWorker } from "../../runtime/index.ts";
import { processStopSignal } from "../../adapters/stop-signal.ts";
import { runLoop } from "../../worker/loop.ts";
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
}

export function registerWorkerCommands(program: Command, ctx: CliContext): void {
  const worker = program.command("worker").description("answer ops-warden's State Hub inbox");
  worker
    .command("run")
    .description("plan every unread inbox message through the brain and the guardrails (dry-run: prints the plan, writes nothing)")
    .option("--once", "run a single tick and exit (default: loop until SIGINT/SIGTERM)")
    .option("--dry-run", "print the plan and write nothing anywhere (the default)")
    .option("--execute", "run the planned actions (not available yet)")
    .option("--json", "print the versioned plan document (docs/plan-format.md) instead of text")
    .option("--brain <kind>", "brain to plan with: rule | llm | cascade (default: config, else cascade when a model endpoint is configured, else rule)")
    .option("--hub <url>", "State Hub: http(s)://… or file:DIR (default: WARDEN_HUB_URL, then the sample inbox)")
    .option("--config <file>", "config file (default: .github/ops-warden.yml under --root)")
    .option("--root <dir>", "repository root holding catalog/ and playbooks/ (default: current directory)")
    .option("--interval <seconds>", "seconds between ticks when looping (default: config worker.interval_seconds)", parseSeconds)
    .action((options: WorkerRunOptions) => runWorker(options, ctx));
}

async function runWorker(options: WorkerRunOptions, ctx: CliContext): Promise<void> {
  if (options.execute && options.dryRun) throw new UsageError("--execute and --dry-run contradict each other");
  if (options.execute) throw new UsageError("execution is not available yet: the worker only plans (dry-run) in this version");
  const { config, planner, hubLabel, logger: log, ...worker } = await buildWorker({
    root: options.root ?? ".",
    configFile: options.config,
    brainKind: options.brain,
    hubUrl: options.hub,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    log: (line) => ctx.io.err(line),
  });
  const stop = processStopSignal();
  try {
    const tick = async () => print(await worker.tick(() => stop.requested), options, ctx);
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
  }
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
