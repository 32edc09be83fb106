import { join } from "node:path";
import { acquireTickLock, describeHolder } from "../adapters/fs/tick-lock.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { AuditMode } from "../domain/audit.ts";
import { auditEvent } from "../domain/audit.ts";
import type { HubClient } from "../domain/hub.ts";
import type { Logger } from "../domain/logger.ts";
import type { DashboardWrite } from "../worker/dashboard/index.ts";
import { gatherDashboardState } from "../worker/dashboard/gather.ts";
import { renderDashboard } from "../worker/dashboard/render.ts";
import type { ExecutionResult } from "../worker/execute/executor.ts";
import { outcome, summarizeOutcomes } from "../worker/execute/outcome.ts";
import { withOutcomes } from "../worker/execute/report.ts";
import type { PlanDocument } from "../worker/plan/document.ts";
import { planTick } from "../worker/tick.ts";
import type { AuditLocation, TickAudit } from "./audit.ts";
import { startTickAudit } from "./audit.ts";
import type { AuditBranchTarget } from "./audit-branch.ts";
import type { TickTrigger } from "./env.ts";
import type { Executor } from "./executor.ts";
import type { Planner } from "./planner.ts";

/** How one tick is asked to run; the CLI, the loop and the Actions run pass these. */
export interface TickRequest {
  /** Checked between messages: the message in hand is always finished. */
  stopRequested(): boolean;
  /** `message` for `--message`: the tick plans the inbox but is shown (and counted) as one message's. */
  scope?: "inbox" | "message";
  /** The loop's interval; undefined for a single tick. */
  loopIntervalSeconds?: number;
}

export type TickRun =
  | {
      ran: true;
      tickId: string;
      /** The plan; with `execution` and per-action outcomes when the tick acted. */
      doc: PlanDocument;
      result?: ExecutionResult;
      dashboard?: DashboardWrite;
      /** For stderr: audit, rollout and dashboard notes. */
      notices: string[];
      /** Set when the tick's work is done but something it must record was not (the job fails). */
      incomplete?: string;
    }
  | { ran: false; reason: string };

export interface TickParts {
  config: WardenConfig;
  planner: Planner;
  hub: HubClient;
  hubLabel: string;
  logger: Logger;
  stateDir: string;
  location: AuditLocation;
  root: string;
  env: NodeJS.ProcessEnv;
  trigger: TickTrigger;
  branch: AuditBranchTarget | undefined;
  executor: Executor | undefined;
  now(): Date;
}

/**
 * The tick, whole: lock → read the inbox and plan → execute (or not) → record → dashboard →
 * publish the audit → release. One function for every entry point; they only parse and print.
 * A second tick on the same state directory finds the lock held and does nothing (exit 0).
 */
export async function runTick(parts: TickParts, request: TickRequest): Promise<TickRun> {
  const lock = await acquireTickLock({ path: join(parts.stateDir, "tick.lock"), onCompromised: (error) => parts.logger.error({ error: error.message }, "the tick lock was taken over") });
  if (!lock.acquired) return { ran: false, reason: describeHolder(lock.holder) };
  try {
    return await lockedTick(parts, request);
  } finally {
    await lock.release();
  }
}

async function lockedTick(parts: TickParts, request: TickRequest): Promise<TickRun> {
  const { config, planner, executor } = parts;
  const mode: AuditMode = executor ? config.mode : "dry-run";
  const facts = { trigger: parts.trigger, scope: request.scope ?? "inbox", loopIntervalSeconds: request.loopIntervalSeconds ?? null } as const;
  const audit = startTickAudit({ location: parts.location, config, env: parts.env, mode, root: parts.root, facts, now: parts.now, ...(executor ? { hub: parts.hub } : {}), ...(parts.branch ? { branch: parts.branch } : {}) });
  let doc: PlanDocument;
  let result: ExecutionResult | undefined;
  try {
    doc = await planTick({ hub: parts.hub, hubLabel: parts.hubLabel, brainName: planner.brainName, config, executing: executor !== undefined, planMessage: (m) => planner.plan(m), concurrency: planner.concurrency ?? 1, beginTick: () => planner.beginTick(), now: parts.now, stopRequested: request.stopRequested, logger: parts.logger });
    if (executor) result = await executor.run(doc, audit.tickId, audit.sink);
    else await audit.recordPlannedActions(doc);
  } catch (error) {
    await audit.recordFailure(error);
    await audit.finish().catch(() => undefined);
    throw error;
  }
  const execution = result && { ...pick(result.summary), stopped: result.stopped ?? null };
  await audit.recordTickSummary(doc, execution);
  const shown = result && executor ? withOutcomes(doc, result, { repository: executor.repository, mode: executor.mode === "dry-run" ? "manual" : executor.mode }) : doc;
  const board = await writeDashboard(parts, audit, doc, result);
  const end = await audit.finish(board.table ? { dashboard: board.table } : {});
  const notices = [...end.notices, ...board.notices];
  return { ran: true, tickId: audit.tickId, doc: shown, ...(result ? { result } : {}), ...(board.write ? { dashboard: board.write } : {}), notices, ...(end.publishError ? { incomplete: `the audit branch was not written: ${end.publishError}` } : {}) };
}

function pick(summary: ExecutionResult["summary"]) {
  return { executed: summary.executed, skipped: summary.skipped, deferred: summary.deferred, failed: summary.failed };
}

/**
 * An executing tick ends by updating the dashboard issue (its write is audited like any action);
 * a dry-run renders the same table for the job summary only. A dashboard that cannot be written
 * is a notice and a `failed` event, never a failed tick: the tick's own work is done.
 */
async function writeDashboard(parts: TickParts, audit: TickAudit, doc: PlanDocument, result: ExecutionResult | undefined): Promise<{ write?: DashboardWrite; table?: string; notices: string[] }> {
  const input = { doc, config: parts.config, now: parts.now() };
  if (!parts.executor || !result) {
    if (!parts.env.GITHUB_STEP_SUMMARY) return { notices: [] };
    const nothing = async () => [];
    const state = await gatherDashboardState({ listPullRequests: nothing, listIssues: nothing }, { ...input, result: plannedOnly(doc) });
    return { table: renderDashboard(state), notices: [] };
  }
  const base = { at: parts.now().toISOString(), actor: "worker", mode: parts.config.mode, tick_id: audit.tickId, action: { kind: "dashboard", key: `dashboard-${audit.tickId}` } } as const;
  try {
    const write = await parts.executor.updateDashboard({ ...input, result });
    await audit.sink.record(auditEvent({ ...base, outcome: write.write === "unchanged" || write.write === "closed" ? "skipped" : "executed", rule: `dashboard-${write.write}`, links: { issue: write.url } }));
    return { write, notices: write.write === "closed" ? [`dashboard: issue #${write.number} was closed by a maintainer; not updated until it is reopened`] : [] };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unexpected error";
    await audit.sink.record(auditEvent({ ...base, outcome: "failed", rule: "dashboard", reason }));
    return { notices: [`dashboard: not updated (${reason})`] };
  }
}

/** A dry-run's "result": every action planned, nothing done. */
function plannedOnly(doc: PlanDocument): ExecutionResult {
  const outcomes = doc.messages.map((m) => m.run.map(() => outcome("planned", "created")));
  return { outcomes, stopped: undefined, summary: summarizeOutcomes(outcomes.flat()) };
}
