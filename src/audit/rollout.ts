import type { AuditEvent } from "../domain/audit.ts";
import { oneLine } from "../domain/text-safety.ts";

/**
 * The rollout gate (the seeds' dry-run shakedown): before `scheduled`, the last N dry-run ticks
 * must have run without a failure, without a guardrail hit on an outbound artefact, and every
 * escalation they planned must have been reviewed by an operator (`warden rollout review`).
 * Pure: fed the audit events in order, it keeps per-tick evidence only.
 */

/** Guardrails that judge what the bot itself would publish (reply, PR, diff), not the inbound message. */
export const OUTBOUND_RULES: ReadonlySet<string> = new Set(["outbound-secret", "reply-format", "content", "path", "size", "catalog-validate"]);

/** The action kind of an operator's review of a planned escalation. */
export const REVIEW_ACTION = "review";

export interface TickEvidence {
  tick_id: string;
  at: string;
  /** What started it (`schedule`, `dispatch`, `local`), as its tick event recorded. */
  trigger: string | null;
  messages: number;
  failures: string[];
  outbound_hits: string[];
  escalations: { key: string; message_id: string | null }[];
}

/** Why a dry-run tick in the audit is not evidence of the deployment. */
export const NOT_COUNTED = {
  "no-trigger": "recorded without a trigger (older than trigger recording, or not a worker tick)",
  message: "--message runs (one message's plan, not the inbox)",
  "fast-loop": "loop ticks under the configured interval (worker.interval_seconds)",
  unfinished: "ticks without a tick record (interrupted before their summary)",
} as const;
export type NotCountedReason = keyof typeof NOT_COUNTED;

export interface RolloutReport {
  ready: boolean;
  required: number;
  /** The ticks judged: the last `required` counted ones, oldest first. */
  ticks: TickEvidence[];
  /** Every counted dry-run tick by trigger, and the dry-run ticks left out by reason. */
  counted: { total: number; by_trigger: Record<string, number> };
  not_counted: Partial<Record<NotCountedReason, number>>;
  unreviewed: { key: string; message_id: string | null; tick_id: string }[];
  reasons: string[];
}

interface TickRecord extends TickEvidence {
  /** Set from the tick's own event; a tick without one never finished recording. */
  excluded: NotCountedReason | undefined | "pending";
}

/**
 * Feeds on the trail's events in order. Only real deployment ticks count: dry-run worker ticks
 * whose tick record names a trigger, that planned the whole inbox, and that were not a loop
 * faster than the configured interval (a stress run, not the deployment). Test runs never reach
 * the trail at all: every test uses a temporary state directory.
 */
export class RolloutEvidence {
  private readonly ticks = new Map<string, TickRecord>();
  private readonly reviewed = new Set<string>();

  /** `minIntervalSeconds`: the config's `worker.interval_seconds`; faster loops are not evidence. */
  constructor(private readonly minIntervalSeconds = 0) {}

  add(event: AuditEvent): void {
    if (event.action?.kind === REVIEW_ACTION && event.outcome === "executed") this.reviewed.add(event.action.key);
    if (event.mode !== "dry-run" || event.actor !== "worker" || !event.tick_id) return;
    const tick = this.tick(event.tick_id, event.at);
    const what = oneLine(`${event.message_id ?? "tick"}: ${event.action?.kind ?? "message"} [${event.rule ?? event.outcome}]`, 200);
    if (event.outcome === "failed") tick.failures.push(what);
    if (event.outcome === "blocked" && event.rule && OUTBOUND_RULES.has(event.rule)) tick.outbound_hits.push(what);
    if (event.outcome === "planned" && event.action?.kind === "escalate") tick.escalations.push({ key: event.action.key, message_id: event.message_id });
    if (event.action?.kind === "tick") this.judgeTick(tick, event);
  }

  private judgeTick(tick: TickRecord, event: AuditEvent): void {
    if (typeof event.detail.messages === "number") tick.messages = event.detail.messages;
    const { trigger, scope, loop_interval_seconds: interval } = event.detail;
    tick.trigger = typeof trigger === "string" ? trigger : null;
    if (tick.trigger === null) tick.excluded = "no-trigger";
    else if (scope === "message") tick.excluded = "message";
    else if (typeof interval === "number" && interval < this.minIntervalSeconds) tick.excluded = "fast-loop";
    else tick.excluded = undefined;
  }

  report(required: number): RolloutReport {
    const all = [...this.ticks.values()];
    const not_counted: RolloutReport["not_counted"] = {};
    const counted: TickRecord[] = [];
    for (const t of all) {
      const reason = t.excluded === "pending" ? "unfinished" : t.excluded;
      if (reason === undefined) counted.push(t);
      else not_counted[reason] = (not_counted[reason] ?? 0) + 1;
    }
    const by_trigger: Record<string, number> = {};
    for (const t of counted) by_trigger[t.trigger ?? "?"] = (by_trigger[t.trigger ?? "?"] ?? 0) + 1;
    const ticks: TickEvidence[] = counted.slice(-required).map(({ excluded: _excluded, ...evidence }) => evidence);
    const unreviewed = ticks.flatMap((t) => t.escalations.filter((e) => !this.reviewed.has(e.key)).map((e) => ({ ...e, tick_id: t.tick_id })));
    const unique = [...new Map(unreviewed.map((u) => [u.key, u])).values()];
    const reasons: string[] = [];
    if (ticks.length < required) reasons.push(`only ${ticks.length} of the ${required} dry-run ticks required are in the audit`);
    const failed = ticks.filter((t) => t.failures.length > 0).length;
    if (failed > 0) reasons.push(`${failed} of the last ${ticks.length} dry-run ticks had a failure`);
    const hits = ticks.filter((t) => t.outbound_hits.length > 0).length;
    if (hits > 0) reasons.push(`${hits} of the last ${ticks.length} dry-run ticks hit an outbound guardrail`);
    if (unique.length > 0) reasons.push(`${unique.length} planned escalations are not reviewed yet`);
    return { ready: reasons.length === 0, required, ticks, counted: { total: counted.length, by_trigger }, not_counted, unreviewed: unique, reasons };
  }

  private tick(id: string, at: string): TickRecord {
    let tick = this.ticks.get(id);
    if (!tick) {
      tick = { tick_id: id, at, trigger: null, messages: 0, failures: [], outbound_hits: [], escalations: [], excluded: "pending" };
      this.ticks.set(id, tick);
    }
    return tick;
  }
}

export function renderRolloutReport(report: RolloutReport): string {
  const out = [report.ready ? `rollout check: READY — the last ${report.required} dry-run ticks hold` : "rollout check: NOT READY", ""];
  out.push(countedLine(report), "");
  out.push("dry-run ticks judged (oldest first):");
  if (report.ticks.length === 0) out.push("  (none in the audit yet: run `warden worker run --once` in dry-run)");
  for (const t of report.ticks) {
    const flags = [`${t.trigger ?? "?"}`, `${t.messages} messages`, `${t.failures.length} failures`, `${t.outbound_hits.length} outbound guardrail hits`, `${t.escalations.length} escalations planned`];
    out.push(`  ${t.at.slice(0, 19).replace("T", " ")}  ${t.tick_id}  ${flags.join(", ")}`);
    for (const f of [...t.failures, ...t.outbound_hits].slice(0, 5)) out.push(`      ${f}`);
  }
  if (report.unreviewed.length > 0) {
    out.push("", "escalations planned but not reviewed (review each, then `warden rollout review KEY`):");
    for (const u of report.unreviewed.slice(0, 50)) out.push(`  ${oneLine(u.key, 80)}  message ${oneLine(u.message_id ?? "-", 80)}  tick ${oneLine(u.tick_id, 60)}`);
  }
  if (!report.ready) out.push("", ...report.reasons.map((r) => `- ${r}`));
  return out.join("\n");
}

/** What the check counted and what it left out, and why: the gate's evidence rules in one line each. */
function countedLine(report: RolloutReport): string {
  const triggers = Object.entries(report.counted.by_trigger).map(([t, n]) => `${n} ${t}`);
  const lines = [`counted ${report.counted.total} dry-run ticks of the deployment${triggers.length > 0 ? ` (${triggers.join(", ")})` : ""}`];
  for (const [reason, n] of Object.entries(report.not_counted)) lines.push(`not counted: ${n} ${NOT_COUNTED[reason as NotCountedReason]}`);
  return lines.join("\n");
}

export const SCHEDULED_WARNING = "WARNING: mode is `scheduled` but `warden rollout check` does not pass";
