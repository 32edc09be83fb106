import { oneLine, terminalSafe } from "../../domain/text-safety.ts";
import type { PlanDocument } from "./document.ts";
import { PLAIN } from "./plan-style.ts";
import { planHeader, summaryLine } from "./render-compact.ts";
import type { MessagePlan, RunAction } from "./types.ts";

const MARK: Record<string, string> = { allowed: "✓", downgraded: "↓", blocked: "✗" };

export interface VerboseOptions {
  /** Show the hidden machine-readable markers of PR and issue bodies as they are. */
  showMarkers?: boolean;
}

/**
 * The full plan (`--verbose`, `--message ID`): every decision, the rule behind it, and every
 * rendered text — reply bodies, PR and issue bodies, diffs.
 */
export function renderPlanText(doc: PlanDocument, options: VerboseOptions = {}): string {
  const out: string[] = [...planHeader(doc, { ...PLAIN, width: Number.MAX_SAFE_INTEGER })];
  for (const plan of doc.messages) out.push("", ...renderMessage(plan));
  if (doc.quarantined.length > 0) {
    out.push("", "quarantined (not planned; audited and escalated when executing):");
    for (const q of doc.quarantined) out.push(`  - ${q.message_id}: ${q.reason}`);
  }
  out.push("", summaryLine(doc.summary, doc.interrupted));
  const text = terminalSafe(out.join("\n"));
  return options.showMarkers ? text : hideMarkers(text);
}

/** A marker is for ops-warden to find its own PRs and issues again, not for the reader. */
function hideMarkers(text: string): string {
  return text.replace(/<!-- ops-warden:v1 .*? -->/g, "<!-- ops-warden marker (shown with --show-markers) -->");
}

function renderMessage(plan: MessagePlan): string[] {
  // Fields that came from the message or the brain stay on their one line: they cannot add plan lines.
  const lines = [`── ${oneLine(plan.message_id, 80)} from ${oneLine(plan.from_agent, 80)}: "${oneLine(plan.subject, 200)}"`];
  if (plan.gate) lines.push(`   inbound gate [${plan.gate.rule}]: ${oneLine(plan.gate.reason, 400)}`);
  if (plan.brain) lines.push(`   brain ${plan.brain.name} (confidence ${plan.brain.confidence.toFixed(2)}): ${oneLine(plan.brain.rationale, 400)}`);
  if (plan.proposed.length > 0) {
    lines.push("   proposed:");
    for (const p of plan.proposed) {
      const escalation = p.category ? ` → escalate(${p.category})` : "";
      lines.push(`     ${MARK[p.verdict] ?? "?"} ${p.kind.padEnd(24)} ${p.verdict.padEnd(10)} [${p.rule}] ${oneLine(p.reason, 400)}${escalation}`);
    }
  }
  if (plan.deferred) lines.push(`   deferred: ${plan.deferred} — stays unread`);
  if (plan.run.length > 0) lines.push("   would run:");
  plan.run.forEach((action, i) => lines.push(...renderRun(action, i + 1)));
  return lines;
}

function renderRun(action: RunAction, n: number): string[] {
  const head = `     ${n}. `;
  switch (action.kind) {
    case "answer_route":
    case "reply":
      return [
        `${head}${action.kind}${action.kind === "answer_route" ? ` ${action.route_id}` : ""} → reply to ${action.reply.to_agent} in thread ${action.reply.thread_id}, subject "${action.reply.subject}"`,
        ...block(action.reply.body),
      ];
    case "propose_catalog_change":
    case "propose_playbook_change":
      return [
        `${head}${action.kind} ${action.file} → branch ${action.pull_request.branch}, pull request "${action.pull_request.title}" [${action.pull_request.labels.join(", ")}]`,
        ...block(action.pull_request.body),
        "        diff:",
        ...block(action.diff),
      ];
    case "escalate":
      return [`${head}escalate(${action.category}) → issue "${action.issue.title}" [${action.issue.labels.join(", ")}]`, ...block(action.issue.body)];
    case "mark_read":
      return [`${head}mark_read ${action.message_id}`];
    case "issue_ssh_certificate":
      return sshRunLines(action, head);
  }
}

function sshRunLines(action: Extract<RunAction, { kind: "issue_ssh_certificate" }>, head: string): string[] {
  const what = `${action.route_id}: ${action.key_fingerprint} for ${action.principals.join(",")}, ttl ${action.ttl_seconds}s`;
  if (action.approval_issue) return [`${head}issue_ssh_certificate ${what} → approval request issue "${action.approval_issue.title}"; signs only after /warden approve`, ...block(action.approval_issue.body)];
  return [`${head}issue_ssh_certificate ${what} → sign, reply with the certificate to ${action.reply.to_agent} in thread ${action.reply.thread_id}`];
}

function block(text: string): string[] {
  return text.replace(/\n$/, "").split("\n").map((line) => `        │ ${line}`);
}
