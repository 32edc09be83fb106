import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { readAuditEvents } from "../adapters/audit/events.ts";
import { appendJobSummary } from "../adapters/audit/job-summary.ts";
import { AuditTrail } from "../adapters/audit/trail.ts";
import type { LineLocation } from "../audit/verify.ts";
import type { RolloutReport } from "../audit/rollout.ts";
import { REVIEW_ACTION, RolloutEvidence, SCHEDULED_WARNING } from "../audit/rollout.ts";
import { renderJobSummary } from "../audit/summary.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { AuditMode, AuditSink } from "../domain/audit.ts";
import { auditEvent } from "../domain/audit.ts";
import type { HubClient } from "../domain/hub.ts";
import { secretValuesFromEnv } from "../domain/secrets.ts";
import { withKnownValues } from "../policy/known-values.ts";
import { createSecretScanner } from "../policy/secrets/index.ts";
import type { PlanDocument } from "../worker/plan/document.ts";
import type { TickRunFacts } from "../worker/plan-events.ts";
import { plannedActionEvents, tickFailedEvent, tickSummaryEvents } from "../worker/plan-events.ts";
import { chainHeadEvent, HEAD_ACTION } from "../audit/head-event.ts";
import type { AppendResult } from "../adapters/audit/branch.ts";
import type { AuditBranchTarget, SourceOptions } from "./audit-branch.ts";
import { openAuditSource, publishEvents } from "./audit-branch.ts";
import { stateDir } from "./model.ts";

export interface AuditLocation {
  dir: string;
  maxFileBytes: number;
}

/** `audit/` under the state directory: `$WARDEN_STATE_DIR` (relative to the root), default `.warden/`. */
export function auditLocation(root: string, env: NodeJS.ProcessEnv, config: WardenConfig): AuditLocation {
  return { dir: join(stateDir(root, env), "audit"), maxFileBytes: config.audit.max_file_bytes };
}

/** The production audit sink: secret-gated, chained file, and the hub when one is given. */
export function buildAuditTrail(location: AuditLocation, env: NodeJS.ProcessEnv, extra: { hub?: HubClient; keepRecorded?: boolean } = {}): AuditTrail {
  const scanner = withKnownValues(createSecretScanner(), secretValuesFromEnv(env));
  return new AuditTrail({ ...location, scanner, ...extra });
}

export interface TickAuditOptions {
  location: AuditLocation;
  config: WardenConfig;
  env: NodeJS.ProcessEnv;
  /** The tick's real mode: `dry-run` unless it executes, then the config's mode. */
  mode: AuditMode;
  /** Only when the tick acts: a dry-run sends nothing to the hub. */
  hub?: HubClient;
  /** Set with WARDEN_AUDIT_REF: the tick's events are appended to that branch on origin. */
  branch?: AuditBranchTarget;
  /** Where the rollout check reads from in `scheduled` (the branch in a deployment). */
  root: string;
  facts: Omit<TickRunFacts, "execution">;
  now(): Date;
}

export interface TickAuditEnd {
  /** Text for stderr: the rollout warning, redactions, undelivered hub events, the published head. */
  notices: string[];
  /** Set when the durable audit could not be written: the tick's work is done, but the job must fail. */
  publishError?: string;
  published?: AppendResult;
}

export interface TickAudit {
  tickId: string;
  /** For the executor's own events (executed, skipped, failed …). */
  sink: AuditSink;
  /** Planned, blocked and deferred events per action, for a tick that only plans. */
  recordPlannedActions(doc: PlanDocument): Promise<void>;
  /** Quarantined messages and the tick event, after execution: every tick records these. */
  recordTickSummary(doc: PlanDocument, execution?: TickRunFacts["execution"]): Promise<void>;
  recordFailure(error: unknown): Promise<void>;
  /**
   * Flushes the local trail (and delivers to the hub when executing), appends the tick's events
   * to the audit branch, checks the rollout gate in `scheduled`, and writes the job summary with
   * the chain head and the dashboard table.
   */
  finish(extra?: { dashboard?: string }): Promise<TickAuditEnd>;
}

export function startTickAudit(options: TickAuditOptions): TickAudit {
  const start = options.now();
  const tickId = `t-${start.toISOString().replace(/[-:]|\.\d+/g, "")}-${randomBytes(3).toString("hex")}`;
  const trail = buildAuditTrail(options.location, options.env, { keepRecorded: true, ...(options.hub ? { hub: options.hub } : {}) });
  const ctx = { tickId, mode: options.mode };
  const sink: AuditSink = trail;
  return {
    tickId,
    sink,
    recordPlannedActions: async (doc) => {
      for (const event of plannedActionEvents(doc, ctx)) await sink.record(event);
    },
    recordTickSummary: async (doc, execution) => {
      for (const event of tickSummaryEvents(doc, ctx, { ...options.facts, ...(execution ? { execution } : {}) }, options.now())) await sink.record(event);
    },
    recordFailure: async (error) => {
      await sink.record(tickFailedEvent(ctx, options.now(), error instanceof Error ? error.message : String(error), options.facts));
    },
    finish: async (extra = {}) => {
      await trail.flush();
      const end: TickAuditEnd = { notices: [] };
      if (options.branch) await publishTick(options.branch, trail, tickId, end, options);
      let warning: string | undefined;
      if (options.config.mode === "scheduled") {
        // The tick's work is done: a gate that cannot be read is a warning, not a failed tick.
        const report = await checkRolloutFrom({ root: options.root, env: options.env, local: options.location }, options.config).catch((error: unknown) => error as Error);
        if (report instanceof Error) warning = `${SCHEDULED_WARNING}: the audit could not be read (${report.message})`;
        else if (!report.ready) warning = `${SCHEDULED_WARNING}: ${report.reasons.join("; ")}. The operator decides; run \`warden rollout check\` for the evidence.`;
      }
      if (warning) end.notices.unshift(["", "!".repeat(72), warning, "!".repeat(72), ""].join("\n"));
      const stats = trail.stats;
      if (stats.redactions > 0) end.notices.push(`audit: ${stats.redactions} secret findings were redacted from this tick's events`);
      if (stats.hub?.error) end.notices.push(`audit: the hub did not take ${stats.hub.pending} events (${stats.hub.error}); they are sent on the next tick`);
      const summaryPath = options.env.GITHUB_STEP_SUMMARY;
      if (summaryPath) {
        const hub = stats.hub && { delivered: stats.hub.delivered, pending: stats.hub.pending };
        const head = end.published && { ref: options.branch!.ref, commit: end.published.commit, ...end.published.head };
        await appendJobSummary(
          summaryPath,
          renderJobSummary({ tickId, mode: options.mode, events: trail.recorded, redactions: stats.redactions, ...(warning ? { warning } : {}), ...(hub ? { hub } : {}), ...(head ? { head } : {}), ...(end.publishError ? { publishError: end.publishError } : {}), ...(extra.dashboard ? { dashboard: extra.dashboard } : {}) }),
        );
      }
      return end;
    },
  };
}

/**
 * The tick's events go to the branch; its new chain head then goes to the hub (when the tick acts)
 * as one more event in the local trail, so a rewritten branch disagrees with what the hub holds.
 */
async function publishTick(target: AuditBranchTarget, trail: AuditTrail, tickId: string, end: TickAuditEnd, who: { mode: AuditMode; now(): Date }): Promise<void> {
  const events = trail.recorded.filter((e) => e.action?.kind !== HEAD_ACTION);
  try {
    end.published = await publishEvents(target, events, `${tickId} (${events.length} events)`);
  } catch (error) {
    end.publishError = error instanceof Error ? error.message : String(error);
    end.notices.push(`audit: the tick's events were NOT appended to ${target.ref} on origin (${end.publishError}); they are in the local trail only`);
    return;
  }
  const { head, commit } = end.published;
  end.notices.push(`audit: ${events.length} events appended to ${target.ref} (commit ${commit.slice(0, 12)}, chain record ${head.seq}, head ${head.hash.slice(0, 16)}…)`);
  await trail.record(chainHeadEvent({ at: who.now(), actor: "worker", mode: who.mode, tickId }, { ref: target.ref, commit, ...head }));
  await trail.flush();
}

/** Reads the whole trail (streaming) and judges the rollout gate. */
export async function checkRollout(location: AuditLocation, required: number, minIntervalSeconds: number, onDamaged: (where: LineLocation) => void = () => undefined): Promise<RolloutReport> {
  const evidence = new RolloutEvidence(minIntervalSeconds);
  // Only dry-run events and reviews are evidence; other lines are not even parsed.
  const relevant = (text: string) => text.includes('"mode":"dry-run"') || text.includes(`"kind":"${REVIEW_ACTION}"`);
  for await (const event of readAuditEvents(location.dir, onDamaged, relevant)) evidence.add(event);
  return evidence.report(required);
}

/** The rollout gate judged from the audit branch when there is one, else the local trail. */
export async function checkRolloutFrom(source: Omit<SourceOptions, "fetch" | "localOnly">, config: WardenConfig): Promise<RolloutReport> {
  const opened = await openAuditSource(source);
  try {
    return await checkRollout(opened.location, config.rollout.check_ticks, config.worker.interval_seconds);
  } finally {
    await opened.dispose();
  }
}

/**
 * An operator's review of planned escalations, as `cli` events: in the local trail, and on the
 * audit branch too when the evidence was read from one (else the review would never count).
 */
export async function recordReviews(location: AuditLocation, env: NodeJS.ProcessEnv, mode: AuditMode, reviewed: readonly { key: string; message_id: string | null }[], branch?: AuditBranchTarget): Promise<AppendResult | undefined> {
  const trail = buildAuditTrail(location, env, { keepRecorded: true });
  const at = new Date().toISOString();
  for (const r of reviewed) {
    await trail.record(auditEvent({ at, actor: "cli", mode, outcome: "executed", message_id: r.message_id, action: { kind: REVIEW_ACTION, key: r.key }, rule: "operator-review" }));
  }
  await trail.flush();
  return branch ? publishEvents(branch, trail.recorded, `${reviewed.length} operator reviews`) : undefined;
}
