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
import { plannedActionEvents, tickFailedEvent, tickSummaryEvents } from "../worker/plan-events.ts";
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
  mode: AuditMode;
  /** Only when the tick acts: a dry-run audits locally and sends nothing to the hub. */
  hub?: HubClient;
  now(): Date;
}

export interface TickAudit {
  tickId: string;
  /** For the executor's own events (executed, skipped, failed …). */
  sink: AuditSink;
  /** Planned, blocked and deferred events per action; skip it when the executor records them. */
  recordPlannedActions(doc: PlanDocument): Promise<void>;
  /** Quarantined messages and the tick event: every tick records these. */
  recordTickSummary(doc: PlanDocument): Promise<void>;
  recordFailure(error: unknown): Promise<void>;
  /** Flushes, checks the rollout gate in `scheduled`, writes the job summary; returns notices for stderr. */
  finish(): Promise<string[]>;
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
    recordTickSummary: async (doc) => {
      for (const event of tickSummaryEvents(doc, ctx)) await sink.record(event);
    },
    recordFailure: async (error) => {
      await sink.record(tickFailedEvent(ctx, options.now(), error instanceof Error ? error.message : String(error)));
      await trail.flush();
    },
    finish: async () => {
      await trail.flush();
      const notices: string[] = [];
      let warning: string | undefined;
      if (options.config.mode === "scheduled") {
        const report = await checkRollout(options.location, options.config.rollout.check_ticks);
        if (!report.ready) warning = `${SCHEDULED_WARNING}: ${report.reasons.join("; ")}. The operator decides; run \`warden rollout check\` for the evidence.`;
      }
      if (warning) notices.push(["", "!".repeat(72), warning, "!".repeat(72), ""].join("\n"));
      const stats = trail.stats;
      if (stats.redactions > 0) notices.push(`audit: ${stats.redactions} secret findings were redacted from this tick's events`);
      if (stats.hub?.error) notices.push(`audit: the hub did not take ${stats.hub.pending} events (${stats.hub.error}); they are sent on the next tick`);
      const summaryPath = options.env.GITHUB_STEP_SUMMARY;
      if (summaryPath) {
        const hub = stats.hub && { delivered: stats.hub.delivered, pending: stats.hub.pending };
        await appendJobSummary(summaryPath, renderJobSummary({ tickId, mode: options.mode, events: trail.recorded, redactions: stats.redactions, ...(warning ? { warning } : {}), ...(hub ? { hub } : {}) }));
      }
      return notices;
    },
  };
}

/** Reads the whole trail (streaming) and judges the rollout gate. */
export async function checkRollout(location: AuditLocation, required: number, onDamaged: (where: LineLocation) => void = () => undefined): Promise<RolloutReport> {
  const evidence = new RolloutEvidence();
  // Only dry-run events and reviews are evidence; other lines are not even parsed.
  const relevant = (text: string) => text.includes('"mode":"dry-run"') || text.includes(`"kind":"${REVIEW_ACTION}"`);
  for await (const event of readAuditEvents(location.dir, onDamaged, relevant)) evidence.add(event);
  return evidence.report(required);
}

/** An operator's review of planned escalations, as `cli` events (local only, like any dry-run fact). */
export async function recordReviews(location: AuditLocation, env: NodeJS.ProcessEnv, mode: AuditMode, reviewed: readonly { key: string; message_id: string | null }[]): Promise<void> {
  const trail = buildAuditTrail(location, env);
  const at = new Date().toISOString();
  for (const r of reviewed) {
    await trail.record(auditEvent({ at, actor: "cli", mode, outcome: "executed", message_id: r.message_id, action: { kind: REVIEW_ACTION, key: r.key }, rule: "operator-review" }));
  }
  await trail.flush();
}
