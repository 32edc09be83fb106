import { oneLine, terminalSafe } from "../../domain/text-safety.ts";
import type { PlanDocument } from "./document.ts";
import type { MessagePlan, RunAction } from "./types.ts";

const MARK: Record<string, string> = { allowed: "✓", downgraded: "↓", blocked: "✗" };

/** The human-readable dry-run plan: every decision, the rule behind it, and every rendered text. */
export function renderPlanText(doc: PlanDocument): string {
  const out: string[] = [
    `ops-warden worker — dry-run plan (nothing was sent; recorded in the local audit trail only)`,
    `hub: ${doc.hub} · brain: ${doc.brain} · ${doc.messages.length} messages, ${doc.quarantined.length} quarantined`,
    ...(doc.planning_only ? [`planning only: ${doc.planning_only}`] : []),
  ];
  for (const plan of doc.messages) out.push("", ...renderMessage(plan));
  if (doc.quarantined.length > 0) {
    out.push("", "quarantined (not planned; audited and escalated when executing):");
    for (const q of doc.quarantined) out.push(`  - ${q.message_id}: ${q.reason}`);
  }
  const s = doc.summary;
  out.push(
    "",
    `summary: ${s.answered} answered, ${s.replies} replies, ${s.pull_requests} pull requests, ${s.escalations} escalations, ${s.deferred} deferred, ${s.quarantined} quarantined${doc.interrupted ? " (interrupted)" : ""}`,
  );
  if (s.llm_calls + s.llm_cache_hits > 0) {
    out.push(`model: ${s.llm_calls} calls, ${s.llm_cache_hits} from cache, ${s.llm_input_tokens} input / ${s.llm_output_tokens} output tokens, ${s.llm_failures} failed`);
  }
  return terminalSafe(out.join("\n"));
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
  }
}

function block(text: string): string[] {
  return text.replace(/\n$/, "").split("\n").map((line) => `        │ ${line}`);
}
