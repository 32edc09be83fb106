import type { PlanDocument, PlanSummary } from "./document.ts";
import type { PlanStyle, Tone } from "./plan-style.ts";
import { fit, PLAIN, safeLine, width } from "./plan-style.ts";
import type { MessagePlan, RunAction } from "./types.ts";

/**
 * The operator's first screen: a header, one line per message (who, what, and what would
 * happen), the quarantined ones, and a summary naming every count. Bodies, diffs and the
 * guardrail trail are in the verbose view (`--verbose`, `--message ID`).
 */
export function renderPlanCompact(doc: PlanDocument, style: PlanStyle = PLAIN): string {
  const cols = columnWidths(doc, style.width);
  const out = [...planHeader(doc, style), ""];
  for (const plan of doc.messages) out.push(messageLine(plan, cols, style));
  if (doc.quarantined.length > 0) {
    out.push("", style.paint("bold", "quarantined (not planned; escalated when executing):"));
    for (const q of doc.quarantined) out.push(fit(`  ${safeLine(q.message_id, 40)}  ${safeLine(q.reason, 300)}`, style.width));
  }
  out.push("", ...wrap(summaryLine(doc.summary, doc.interrupted), style.width));
  out.push(style.paint("dim", fit("full view: --verbose (reply bodies, diffs, PR and issue bodies), or --message ID for one message", style.width)));
  return out.join("\n");
}

export function planHeader(doc: PlanDocument, style: PlanStyle): string[] {
  const title = `ops-warden worker · ${doc.mode} plan${doc.mode === "dry-run" ? " (nothing was sent; recorded in the local audit trail only)" : ""}`;
  const facts = `hub ${safeLine(doc.hub, 80)} · brain ${safeLine(doc.brain, 40)} · mode ${doc.mode} · ${count(doc.summary.messages, "message")}, ${doc.summary.quarantined} quarantined`;
  const lines = [style.paint("bold", fit(title, style.width)), fit(facts, style.width)];
  if (doc.planning_only) lines.push(fit(`planning only: ${doc.planning_only}`, style.width));
  return lines;
}

/**
 * Every count, named as the operator would say it: "answered" counts catalog route answers,
 * "replies" free-text replies; a message can have both, or an effect and an escalation.
 */
export function summaryLine(s: PlanSummary, interrupted = false): string {
  const parts = [
    count(s.messages, "message"),
    count(s.answered, "route answer"),
    count(s.replies, "free-text reply", "free-text replies"),
    count(s.pull_requests, "pull request"),
    count(s.escalations, "escalation"),
    `${s.deferred} deferred`,
    `${s.quarantined} quarantined`,
  ];
  if (s.llm_calls > 0 || s.llm_cache_hits > 0 || s.llm_failures > 0) {
    parts.push(`${count(s.llm_calls, "model call")} (${s.llm_cache_hits} cached, ${s.llm_failures} failed, ${s.llm_input_tokens + s.llm_output_tokens} tokens)`);
  }
  return `summary: ${parts.join(" · ")}${interrupted ? " (interrupted: the rest stays unread)" : ""}`;
}

export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

interface Columns {
  id: number;
  from: number;
  subject: number;
}

function columnWidths(doc: PlanDocument, total: number): Columns {
  const widest = (values: string[], cap: number) => Math.min(cap, Math.max(4, ...values.map((v) => width(safeLine(v, cap)))));
  const id = widest(doc.messages.map((m) => m.message_id), 14);
  const from = widest(doc.messages.map((m) => m.from_agent), 16);
  // The subject gets up to 40 % of what is left; the outcome and its title get the rest.
  const rest = Math.max(20, total - (2 + id + 2 + from + 2));
  const subject = Math.min(widest(doc.messages.map((m) => m.subject), 200) + 2, Math.max(12, Math.floor(rest * 0.4)));
  return { id, from, subject };
}

function messageLine(plan: MessagePlan, cols: Columns, style: PlanStyle): string {
  const outcome = outcomeOf(plan);
  const mark = style.symbols ? `${style.paint(outcome.tone, outcome.symbol)} ` : "";
  const id = pad(safeLine(plan.message_id, cols.id), cols.id);
  const from = pad(safeLine(plan.from_agent, cols.from), cols.from);
  const subject = pad(fit(`"${safeLine(plan.subject, 200)}"`, cols.subject), cols.subject);
  const used = (style.symbols ? 2 : 0) + cols.id + 2 + cols.from + 2 + cols.subject + 2;
  const tail = fit(outcome.text, Math.max(10, style.width - used));
  return `${mark}${id}  ${from}  ${subject}  ${style.paint(outcome.tone, tail)}`;
}

interface Outcome {
  symbol: string;
  text: string;
  tone: Tone;
}

/** What would happen to the message, from its run list: effects first, then escalations. */
function outcomeOf(plan: MessagePlan): Outcome {
  if (plan.deferred) return { symbol: "…", text: `deferred: ${safeLine(plan.deferred, 200)}`, tone: "dim" };
  const effects = plan.run.filter((a) => a.kind !== "mark_read" && a.kind !== "escalate");
  const escalations = plan.run.filter((a) => a.kind === "escalate");
  const text = [...effects, ...escalations].map(effectText).join("; ");
  if (text === "") return { symbol: "·", text: "no action: stays unread", tone: "dim" };
  if (escalations.length > 0) return { symbol: "!", text, tone: "yellow" };
  const pr = effects.some((a) => a.kind === "propose_catalog_change" || a.kind === "propose_playbook_change");
  return pr ? { symbol: "+", text, tone: "cyan" } : { symbol: "✓", text, tone: "green" };
}

function effectText(action: RunAction): string {
  switch (action.kind) {
    case "answer_route":
      return `answer ${action.route_id}`;
    case "reply":
      return "reply (free text)";
    case "propose_catalog_change":
    case "propose_playbook_change":
      return `pull request "${safeLine(action.pull_request.title, 120)}"`;
    case "escalate":
      return `escalate ${action.category}: issue "${safeLine(action.issue.title, 120)}"`;
    case "mark_read":
      return "mark read";
    case "issue_ssh_certificate":
      return action.approval_issue ? `ssh approval request ${action.route_id}` : `sign ssh certificate ${action.route_id}`;
  }
}

/** Breaks a " · "-separated line at its separators so it fits; a part longer than the width is cut. */
export function wrap(line: string, cols: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const part of line.split(" · ")) {
    const next = current === "" ? part : `${current} · ${part}`;
    if (width(next) <= cols || current === "") current = next;
    else {
      lines.push(fit(current, cols));
      current = `  ${part}`;
    }
  }
  lines.push(fit(current, cols));
  return lines;
}

function pad(text: string, cols: number): string {
  return text + " ".repeat(Math.max(0, cols - width(text)));
}
