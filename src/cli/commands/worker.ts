import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { Logger } from "../../domain/logger.ts";
import { InterruptedError, UsageError } from "../../domain/errors.ts";
import { listIds, resolveIdPrefix } from "../../domain/id-prefix.ts";
import { MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS } from "../../config/schema.ts";
import { buildWorker } from "../../runtime/worker.ts";
import type { ProcessStopSignal } from "../../adapters/stop-signal.ts";
import { processStopSignal } from "../../adapters/stop-signal.ts";
import { runLoop } from "../../worker/loop.ts";
import { executionLine } from "../../worker/execute/report.ts";
import type { PlanDocument } from "../../worker/plan/document.ts";
import { renderPlanCompact, summaryLine, wrap } from "../../worker/plan/render-compact.ts";
import { renderPlanText } from "../../worker/plan/render-text.ts";
import { colourWanted, planStyle } from "../terminal.ts";
import type { CliContext } from "../program.ts";
import { HUB_OPTION_HELP, ROOT_OPTION_HELP, describeHelp } from "../help.ts";
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
  const run = worker
    .command("run")
    .description("one tick over the inbox: plan every unread message through the brain and the guardrails (dry-run: prints the plan and records it in the audit trail; with --execute: acts); a second tick while one runs exits 0 and does nothing")
    .option("--once", "run a single tick and exit (default: loop until SIGINT/SIGTERM)")
    .option("--dry-run", "print the plan; sends nothing to the hub or GitHub, only records it in the audit trail (local, and the WARDEN_AUDIT_REF branch when set) (the default)")
    .option("--execute", "carry out the plan: PRs, escalation issues, hub replies, mark read, then the dashboard issue (refused in mode: dry-run)")
    .option("--json", "print the versioned plan document (docs/plan-format.md) instead of text")
    .option("--brain <kind>", "brain to plan with: rule | llm | cascade (default: config, else cascade when a model endpoint is configured, else rule)")
    .option("--hub <url>", HUB_OPTION_HELP)
    .option("--config <file>", "config file (default: .github/ops-warden.yml under --root)")
    .option("--root <dir>", ROOT_OPTION_HELP)
    .option("--repo-dir <dir>", "with --execute: the checkout whose origin receives warden/ branches (default: current directory)")
    .option("--interval <seconds>", `seconds between ticks when looping, ${MIN_INTERVAL_SECONDS}-${MAX_INTERVAL_SECONDS} (default: config worker.interval_seconds)`, parseSeconds)
    .option("--verbose", "the full plan: guardrail verdicts, reply bodies, diffs, PR and issue bodies")
    .option("--message <id>", "the full plan of one message only; a unique prefix of the id is enough")
    .option("--show-markers", "with --verbose or --message: show the hidden markers of PR and issue bodies")
    .action((options: WorkerRunOptions) => runWorker(options, ctx));
  describeHelp(run, {
    examples: [
      ["warden worker run --once", "one dry-run tick over the sample inbox: the compact plan"],
      ["warden worker run --once --message msg-0003", "the full plan of one message (a unique id prefix is enough)"],
      ["warden worker run --once --json | jq .summary", "the versioned plan document (docs/plan-format.md)"],
      ["WARDEN_HUB_URL=https://hub.internal warden worker run --interval 300", "loop until Ctrl-C, one summary line per tick"],
      ["warden worker run --once --execute --repo-dir .", "act: PRs, issues, replies, mark read (mode: manual or scheduled)"],
    ],
    environment: [
      ["WARDEN_HUB_URL", "the State Hub when --hub is not given"],
      ["WARDEN_HUB_TOKEN", "bearer token for an HTTP hub; never printed"],
      ["WARDEN_STATE_DIR", "local state: the audit trail, the model cache, the sample inbox's scratch copy (default .warden/)"],
      ["LLM_CONNECT_URL", "a model endpoint for the llm and cascade brains (docs/llm.md)"],
      ["GITHUB_REPOSITORY, GITHUB_TOKEN", "where and as whom --execute acts (docs/executor.md)"],
    ],
    exitCodes: [
      ["0", "planned (and with --execute, carried out)"],
      ["1", "a failure: the hub, the catalog, or an action that failed"],
      ["2", "usage error or refused: bad flags, invalid config, --execute in mode: dry-run"],
      ["130", "interrupted by Ctrl-C while a tick was under way: in-flight requests aborted at once; unfinished messages stay unread"],
    ],
  });
}

async function runWorker(options: WorkerRunOptions, ctx: CliContext): Promise<void> {
  if (options.execute && options.dryRun) throw new UsageError("--execute and --dry-run contradict each other");
  // Set before anything talks to the hub: Ctrl-C aborts in-flight calls instead of waiting out retries.
  const stop = processStopSignal();
  try {
    await runWorkerUntilStopped(options, ctx, stop);
  } catch (error) {
    // A tick cut short by the signal failed because of it, not because something is wrong.
    if (stop.requested) throw new InterruptedError(stop.signal, { cause: error });
    throw error;
  } finally {
    stop.dispose();
  }
}

async function runWorkerUntilStopped(options: WorkerRunOptions, ctx: CliContext, stop: ProcessStopSignal): Promise<void> {
  const built = await buildWorker({
    signal: stop.abort,
    root: await resolveCatalogRoot(ctx, options.root),
    configFile: options.config,
    brainKind: options.brain,
    hubUrl: options.hub,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    executing: options.execute === true,
    repoDir: options.repoDir,
    log: (line) => ctx.io.err(line),
    logStyle: { pretty: ctx.io.tty?.err === true, colour: colourWanted(ctx.io, "err") },
  });
  const { config, planner, hubLabel, logger: log, executor } = built;
  if (executor) ctx.io.err(`acting on repository ${executor.repository} (${executor.apiUrl}), hub ${built.hubLabel}, mode ${executor.mode}`);
  const intervalSeconds = options.interval ?? config.worker.interval_seconds;
  let ticks = 0;
  let interrupted: unknown;
  try {
    const tick = async () => {
      const started = Date.now();
      const run = await built.runTick({ stopRequested: () => stop.requested, scope: options.message === undefined ? "inbox" : "message", ...(options.once ? {} : { loopIntervalSeconds: intervalSeconds }) });
      if (!run.ran) return ctx.io.err(`warden: ${run.reason}; this run does nothing`);
      ticks += 1;
      for (const notice of run.notices) ctx.io.err(notice);
      logTick(log, run.doc, Date.now() - started);
      print(run.doc, options, ctx, options.once ? undefined : ticks);
      if (run.result) ctx.io.err(executionLine(run.result));
      if (run.incomplete) ctx.io.err(`warden: ${run.incomplete}`);
      if ((run.result && run.result.summary.failed > 0) || run.incomplete) ctx.status.code = 1;
      // A tick that stopped between messages printed what it planned; the rest stays unread.
      if (stop.requested) throw new InterruptedError(stop.signal);
    };
    if (options.once) {
      await tick();
      return;
    }
    log.info({ hub: hubLabel, brain: planner.brainName, interval_seconds: intervalSeconds }, "worker started");
    const count = await runLoop(tick, intervalSeconds * 1000, stop, (error) => {
      if (stop.requested) interrupted = error;
      else log.error({ error: describeError(error) }, "tick failed; retrying next interval");
    });
    log.info({ ticks: count }, "worker stopped");
    // Stopped between ticks is a clean stop (exit 0); stopped mid-tick is an interruption.
    if (interrupted !== undefined) throw interrupted;
  } finally {
    await built.dispose();
  }
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

/** One message's plan, named by its id or a unique prefix of it (the compact plan shortens ids). */
function oneMessage(doc: PlanDocument, given: string): PlanDocument {
  const known = [...doc.messages.map((m) => m.message_id), ...doc.quarantined.map((q) => q.message_id)];
  const found = resolveIdPrefix(given, known);
  if (found.kind === "ambiguous") throw new UsageError(`--message ${given}: matches ${found.matches.length} messages (${listIds(found.matches)}); give more of the id`);
  if (found.kind === "none") {
    const planned = doc.messages.map((m) => m.message_id);
    throw new UsageError(`--message ${given}: no such message in this plan${planned.length > 0 ? ` (planned: ${listIds(planned)})` : " (the inbox has no unread messages)"}`);
  }
  const messages = doc.messages.filter((m) => m.message_id === found.id);
  const quarantined = doc.quarantined.filter((q) => q.message_id === found.id);
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

/** The config's bounds hold on the command line too: a 1-second loop floods the hub and the audit trail. */
function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_INTERVAL_SECONDS || n > MAX_INTERVAL_SECONDS) {
    throw new InvalidArgumentError(`must be a whole number of seconds from ${MIN_INTERVAL_SECONDS} (the shortest interval, as in the config's worker.interval_seconds) to ${MAX_INTERVAL_SECONDS}`);
  }
  return n;
}
