import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { Logger } from "../../domain/logger.ts";
import { UsageError } from "../../domain/errors.ts";
import type { Executor, Worker } from "../../runtime/index.ts";
import { buildWorker } from "../../runtime/worker.ts";
import { processStopSignal } from "../../adapters/stop-signal.ts";
import { runLoop } from "../../worker/loop.ts";
import { executionLine, withOutcomes } from "../../worker/execute/report.ts";
import type { PlanDocument } from "../../worker/plan/document.ts";
import { renderPlanCompact, summaryLine, wrap } from "../../worker/plan/render-compact.ts";
import { renderPlanText } from "../../worker/plan/render-text.ts";
import { colourWanted, planStyle } from "../terminal.ts";
import type { CliContext } from "../program.ts";
import { resolveCatalogRoot } from "./catalog.ts";

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
  verbose?: boolean;
  message?: string;
  showMarkers?: boolean;
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
    .option("--verbose", "the full plan: guardrail verdicts, reply bodies, diffs, PR and issue bodies")
    .option("--message <id>", "the full plan of one message only")
    .option("--show-markers", "with --verbose or --message: show the hidden markers of PR and issue bodies")
    .action((options: WorkerRunOptions) => runWorker(options, ctx));
}

async function runWorker(options: WorkerRunOptions, ctx: CliContext): Promise<void> {
  if (options.execute && options.dryRun) throw new UsageError("--execute and --dry-run contradict each other");
  const built = await buildWorker({
    root: await resolveCatalogRoot(ctx, options.root),
    configFile: options.config,
    brainKind: options.brain,
    hubUrl: options.hub,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    log: (line) => ctx.io.err(line),
    onNotice: (text) => ctx.io.err(text),
    logStyle: { pretty: ctx.io.tty?.err === true, colour: colourWanted(ctx.io, "err") },
  });
  const { config, planner, hubLabel, logger: log } = built;
  const executor = options.execute ? await prepareExecutor(built, options, ctx) : undefined;
  const stop = processStopSignal();
  let ticks = 0;
  try {
    const tick = async () => {
      const started = Date.now();
      const doc = await built.tick(() => stop.requested);
      ticks += 1;
      logTick(log, doc, Date.now() - started);
      const shownTick = options.once ? undefined : ticks;
      if (!executor) return print(doc, options, ctx, shownTick);
      const result = await executor.run(doc, `${doc.generated_at}#${ticks}`);
      print(withOutcomes(doc, result, { repository: executor.repository, mode: executor.mode === "dry-run" ? "manual" : executor.mode }), options, ctx, shownTick);
      ctx.io.err(executionLine(result));
      if (result.summary.failed > 0) ctx.status.code = 1;
    };
    if (options.once) {
      await tick();
      return;
    }
    const intervalSeconds = options.interval ?? config.worker.interval_seconds;
    log.info({ hub: hubLabel, brain: planner.brainName, interval_seconds: intervalSeconds }, "worker started");
    const count = await runLoop(tick, intervalSeconds * 1000, stop, (error) => log.error({ error: describeError(error) }, "tick failed; retrying next interval"));
    log.info({ ticks: count }, "worker stopped");
  } finally {
    stop.dispose();
    await executor?.dispose();
  }
}

/** Refuses early (mode, credentials) and says where the worker will act before it does. */
async function prepareExecutor(worker: Worker, options: WorkerRunOptions, ctx: CliContext): Promise<Executor> {
  // Loaded here: git and the GitHub client are needed only to act, not to plan (dry-run).
  const { buildExecutor } = await import("../../runtime/executor.ts");
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

/**
 * Compact by default; `--verbose` or `--message` for the full view; `--json` for programs. A
 * looping worker prints each tick's summary, not the whole plan again.
 */
function print(doc: PlanDocument, options: WorkerRunOptions, ctx: CliContext, tick: number | undefined): void {
  if (options.json) return ctx.io.out(JSON.stringify(doc, null, 2));
  if (options.message !== undefined) return ctx.io.out(renderPlanText(oneMessage(doc, options.message), { showMarkers: options.showMarkers === true }));
  if (options.verbose) return ctx.io.out(renderPlanText(doc, { showMarkers: options.showMarkers === true }));
  const style = planStyle(ctx.io);
  if (tick === undefined) return ctx.io.out(renderPlanCompact(doc, style));
  ctx.io.out(wrap(`tick ${tick} at ${doc.generated_at.slice(11, 19)}Z · ${summaryLine(doc.summary, doc.interrupted)}`, style.width).join("\n"));
}

function oneMessage(doc: PlanDocument, id: string): PlanDocument {
  const messages = doc.messages.filter((m) => m.message_id === id);
  const quarantined = doc.quarantined.filter((q) => q.message_id === id);
  if (messages.length === 0 && quarantined.length === 0) {
    const known = doc.messages.map((m) => m.message_id);
    const listed = known.length > 10 ? `${known.slice(0, 10).join(", ")}, …` : known.join(", ");
    throw new UsageError(`--message ${id}: no such message in this plan${known.length > 0 ? ` (planned: ${listed})` : " (the inbox has no unread messages)"}`);
  }
  return { ...doc, messages, quarantined };
}

/** `debug` adds a line per message and per tick; `info` only start and stop of a looping worker. */
function logTick(log: Logger, doc: PlanDocument, ms: number): void {
  for (const m of doc.messages) {
    log.debug({ message_id: m.message_id, run: m.run.map((a) => a.kind), rules: m.proposed.map((p) => p.rule), deferred: m.deferred ?? null }, "message planned");
  }
  log.debug({ ...doc.summary, duration_ms: ms }, "tick planned");
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 86_400) throw new InvalidArgumentError("must be a whole number of seconds between 1 and 86400");
  return n;
}
