import type { Action } from "../../domain/action.ts";
import { DeferredError } from "../../domain/errors.ts";
import { actionKey } from "../../domain/keys.ts";
import type { LlmCost } from "../../domain/llm.ts";
import type { Message } from "../../domain/message.ts";
import type { SecretFinding } from "../../domain/secrets.ts";
import { redact } from "../../domain/secrets.ts";
import { parseProposedAction } from "../../policy/allowlist.ts";
import { repositoryWords } from "../../policy/outbound.ts";
import { renderUntrusted } from "../../policy/untrusted-text.ts";
import { judgeInbound, judgeOverDeadline } from "../../policy/judge/inbound.ts";
import { judgeActionLimit, judgeDuplicate, judgeEscalate, judgeMarkRead, judgeNothingAnswers, judgeUncheckable } from "../../policy/judge/proposal.ts";
import type { PlanContext } from "./context.ts";
import type { PendingEscalation, RedactedView } from "./escalations.ts";
import { renderEscalations } from "./escalations.ts";
import { guardCatalogChange, guardPlaybookChange } from "./guard-change.ts";
import { guardAnswerRoute, guardReply } from "./guard-reply.ts";
import { guardSshCertificate } from "./guard-ssh.ts";
import type { Guarded } from "./guarded.ts";
import { fromVerdict } from "./guarded.ts";
import { redactSecrets } from "./secret-check.ts";
import type { MessagePlan, ProposedEntry, RunAction } from "./types.ts";

/**
 * Plans one message: inbound gate, brain, a guardrail verdict for every proposed action, then
 * the run list — effects, escalations, and `mark_read` last. Whatever the brain returns, only
 * guarded effects reach the run list.
 */
export async function planMessage(message: Message, ctx: PlanContext): Promise<MessagePlan> {
  const { view, findings } = await scanMessage(message, ctx);
  const head = { message_id: view.id, thread_id: view.thread_id, from_agent: view.from_agent, subject: view.subject };
  const gate = judgeInbound(message, findings);
  if (gate) {
    const run = await finish([], [{ category: gate.category ?? "policy", reason: gate.reason, rule: gate.rule }], message, view, ctx);
    return { ...head, gate: { rule: gate.rule, reason: shown(gate.reason, ctx) }, proposed: [], run };
  }
  let proposal;
  try {
    proposal = await ctx.brain.plan(message, ctx.brainContext);
  } catch (error) {
    // Not the message's fault (a per-tick limit, the brain broke): leave it unread for the next tick.
    const reason = error instanceof DeferredError ? error.message : `brain "${ctx.brain.name}" failed: ${error instanceof Error ? error.message : String(error)}`;
    return { ...head, proposed: [], run: [], deferred: shown(await redactSecrets(ctx.scanner, reason.slice(0, 500)), ctx) };
  }
  const { actions, rationale, confidence, model, cost } = readProposal(proposal);
  const guarded = await guardAll(actions, message, ctx).catch(async (error: unknown) => {
    await logGuardFailure(error, message, ctx);
    return [fromVerdict("(proposal)", judgeUncheckable(error))];
  });
  const effects = guarded.flatMap((g) => (g.effect && g.effect.kind !== "escalate" ? [g.effect] : []));
  const pending = guarded.flatMap((g) => (g.escalation ? [g.escalation] : []));
  const run = await finish(effects, pending, message, view, ctx);
  const brain = { name: ctx.brain.name, rationale: shown(await redactSecrets(ctx.scanner, rationale), ctx), confidence, ...(model ? { model } : {}) };
  return { ...head, brain, proposed: guarded.map((g) => shownEntry(g.entry, ctx)), run, ...(cost ? { llm: cost } : {}) };
}

/**
 * The plan for a message whose screening and planning overran the deadline: an escalation built
 * from code-owned fields only. Its subject and body are never read here (reading them is what
 * was too costly), so the plan and the issue name the sender, ids and rule, and nothing else.
 */
export async function planOverDeadline(message: Message, deadlineMs: number, ctx: PlanContext): Promise<MessagePlan> {
  const [from_agent, thread_id, id] = await Promise.all([scanField(message.from_agent, ctx), scanField(message.thread_id, ctx), scanField(message.id, ctx)]);
  const unread = { ...message, subject: NOT_SCREENED, body: "" };
  const view: RedactedView = { id: id.text, thread_id: thread_id.text, from_agent: from_agent.text, subject: NOT_SCREENED, body: "" };
  const gate = judgeOverDeadline(deadlineMs);
  const run = await finish([], [{ category: gate.category ?? "policy", reason: gate.reason, rule: gate.rule }], unread, view, ctx);
  return { message_id: view.id, thread_id: view.thread_id, from_agent: view.from_agent, subject: NOT_SCREENED, gate: { rule: gate.rule, reason: gate.reason }, proposed: [], run };
}

const NOT_SCREENED = "(not shown: too costly to screen)";

/**
 * A guard that throws is a bug (or a proposal built to crash it): the message still escalates,
 * and the stack goes to the log, redacted, so the bug is seen rather than hidden in an issue.
 */
async function logGuardFailure(error: unknown, message: Message, ctx: PlanContext): Promise<void> {
  if (!ctx.logger) return;
  const stack = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  const redacted = await redactSecrets(ctx.scanner, stack.slice(0, 4000)).catch(() => "(stack withheld: it could not be scanned)");
  ctx.logger.error({ message_id: await redactSecrets(ctx.scanner, message.id), stack: redacted }, "a guard threw while checking a proposal; the message is escalated");
}

/** A brain's proposal read defensively: any value at all, whatever the interface promised. */
function readProposal(proposal: unknown): { actions: unknown[]; rationale: string; confidence: number; model?: string; cost?: LlmCost } {
  const p = (proposal !== null && typeof proposal === "object" ? proposal : {}) as { actions?: unknown; rationale?: unknown; confidence?: unknown; model?: unknown; cost?: unknown };
  const cost = readCost(p.cost);
  return {
    actions: Array.isArray(p.actions) ? p.actions : [p.actions],
    rationale: typeof p.rationale === "string" ? p.rationale.slice(0, 2000) : "(no rationale given)",
    confidence: clamp(p.confidence),
    ...(typeof p.model === "string" && /^[\w.:/@+ -]{1,100}$/.test(p.model) ? { model: p.model } : {}),
    ...(cost ? { cost } : {}),
  };
}

/** A brain's cost report, counters only: whole non-negative numbers or it is not reported. */
function readCost(value: unknown): LlmCost | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const counts = value as Record<string, unknown>;
  const read = (name: keyof LlmCost) => (Number.isSafeInteger(counts[name]) && (counts[name] as number) >= 0 ? (counts[name] as number) : 0);
  return { calls: read("calls"), cache_hits: read("cache_hits"), input_tokens: read("input_tokens"), output_tokens: read("output_tokens"), failures: read("failures") };
}

async function guardAll(candidates: readonly unknown[], message: Message, ctx: PlanContext): Promise<Guarded[]> {
  const limit = ctx.config.limits.actions_per_message;
  const results: Guarded[] = [];
  const seenKeys = new Set<string>();
  for (const [index, candidate] of candidates.entries()) {
    if (index >= limit) {
      results.push(fromVerdict("(more actions)", judgeActionLimit(candidates.length, limit)));
      break;
    }
    const guarded = await guardOne(candidate, message, ctx);
    const key = guarded.effect?.key;
    if (key && seenKeys.has(key)) {
      results.push(fromVerdict(guarded.entry.kind, judgeDuplicate()));
      continue;
    }
    if (key) seenKeys.add(key);
    results.push(guarded);
  }
  if (!results.some((r) => (r.effect && r.effect.kind !== "mark_read") || r.escalation)) results.push(fromVerdict("(none)", judgeNothingAnswers()));
  return results;
}

async function guardOne(candidate: unknown, message: Message, ctx: PlanContext): Promise<Guarded> {
  const parsed = parseProposedAction(candidate);
  if (!parsed.ok) return fromVerdict(parsed.kind, parsed.verdict);
  return guardParsed(parsed.action, message, ctx);
}

async function guardParsed(action: Action, message: Message, ctx: PlanContext): Promise<Guarded> {
  switch (action.kind) {
    case "answer_route":
      return guardAnswerRoute(action.route_id, message, ctx);
    case "reply":
      return guardReply(action.body, message, ctx);
    case "propose_catalog_change":
      return guardCatalogChange(action, message, ctx);
    case "propose_playbook_change":
      return guardPlaybookChange(action, message, ctx);
    case "escalate": {
      const verdict = judgeEscalate();
      return { ...fromVerdict(action.kind, verdict), escalation: { category: action.category, reason: action.reason, rule: verdict.rule } };
    }
    case "mark_read":
      return fromVerdict(action.kind, judgeMarkRead(), { kind: "mark_read", key: actionKey(message.id, "mark_read"), message_id: message.id });
    case "issue_ssh_certificate":
      return guardSshCertificate(action, message, ctx);
  }
}

/** Effects first, then escalations, then the single mark_read — only after a terminal action. */
async function finish(effects: RunAction[], pending: PendingEscalation[], message: Message, view: RedactedView, ctx: PlanContext): Promise<RunAction[]> {
  const work = effects.filter((e) => e.kind !== "mark_read");
  const escalations = await renderEscalations(pending, message, view, ctx);
  const run = [...work, ...escalations];
  if (run.length === 0) return run;
  return [...run, { kind: "mark_read", key: actionKey(message.id, "mark_read"), message_id: message.id }];
}

/**
 * One scan of the text and one of the sender's own fields (they are echoed into plans, issues
 * and markers too) give both the inbound gate's findings and the redacted view.
 */
async function scanMessage(message: Message, ctx: PlanContext): Promise<{ view: RedactedView; findings: SecretFinding[] }> {
  const subject = message.subject.replace(/[\r\n]+/g, " ");
  const whole = `${subject}\n${message.body}`;
  const [findings, from_agent, thread_id, id] = await Promise.all([
    ctx.scanner.scan(whole),
    scanField(message.from_agent, ctx),
    scanField(message.thread_id, ctx),
    scanField(message.id, ctx),
  ]);
  const all = [...findings, ...from_agent.findings, ...thread_id.findings, ...id.findings];
  const fields = { from_agent: from_agent.text, thread_id: thread_id.text, id: id.text };
  const redacted = redact(whole, findings);
  // A finding spanning the subject/body boundary swallows the newline: then all of it is body.
  const cut = redacted.indexOf("\n");
  if (cut < 0 || cut > subject.length) return { view: { ...fields, subject: "[REDACTED]", body: redacted }, findings: all };
  return { view: { ...fields, subject: shownSubject(redacted.slice(0, cut), ctx), body: redacted.slice(cut + 1) }, findings: all };
}

/**
 * The subject is the one piece of message text every plan line shows (and CI logs keep), so it
 * is rendered: only words the renderer can read come out, anything else is `[…]`, whether or
 * not a secret rule knew it.
 */
function shownSubject(subject: string, ctx: PlanContext): string {
  return renderUntrusted(subject, repositoryWords(ctx.brainContext.catalog), 200);
}

/** Reasons and rationale in the plan, rendered like the subject: model-written or naming message pieces. */
function shown(text: string, ctx: PlanContext): string {
  return renderUntrusted(text, repositoryWords(ctx.brainContext.catalog), 2000);
}

function shownEntry(entry: ProposedEntry, ctx: PlanContext): ProposedEntry {
  return { ...entry, reason: shown(entry.reason, ctx) };
}

async function scanField(text: string, ctx: PlanContext): Promise<{ text: string; findings: SecretFinding[] }> {
  const findings = await ctx.scanner.scan(text);
  return { text: redact(text, findings), findings };
}

function clamp(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

export type { ProposedEntry };
