import type { WardenConfig } from "../../config/schema.ts";
import type { ForgeIssue, ForgePullRequest, GitHubPort } from "../../domain/forge.ts";
import type { ExecutionResult } from "../execute/executor.ts";
import type { PlanDocument } from "../plan/document.ts";
import { listOwnWork } from "../execute/own-work.ts";
import type { DashboardItem, DashboardState } from "./state.ts";

export interface DashboardInput {
  doc: PlanDocument;
  result: ExecutionResult;
  config: WardenConfig;
  now: Date;
  rollout?: { ready: boolean; summary: string };
}

/** Declined proposals shown: the newest ones; older ones stay findable on GitHub. */
const DECLINED_SHOWN = 20;

/**
 * The dashboard's state: the bot's own PRs and escalation issues (the executor's own-work finder:
 * branch prefix, label, marker, and a listed Bot author), plus what this tick deferred and why.
 */
export async function gatherDashboardState(forge: Pick<GitHubPort, "listPullRequests" | "listIssues">, input: DashboardInput): Promise<DashboardState> {
  const { config, doc, result } = input;
  const own = await listOwnWork(forge, config.labels.escalation[0] ?? "ops-warden", config.relay.bot_logins);
  const pulls = own.pulls.map((p) => p.item);
  const issues = own.issues.map((i) => i.item).filter((i) => i.state === "open");
  const state: DashboardState = {
    mode: config.mode,
    tick: {
      at: input.now.toISOString(),
      outcome: result.stopped ? "rate-limited" : result.summary.failed > 0 ? "failed" : "ok",
      executed: result.summary.executed,
      skipped: result.summary.skipped,
      deferred: result.summary.deferred,
      failed: result.summary.failed,
    },
    openPullRequests: pulls.filter((p) => p.state === "open").map(item).sort(byNumber),
    escalations: groupByCategory(issues, config.labels.escalation),
    deferred: deferredMessages(doc, result),
    declined: pulls.filter((p) => p.state === "closed" && !p.merged).map(item).sort((a, b) => b.number - a.number).slice(0, DECLINED_SHOWN),
  };
  if (input.rollout) state.rollout = input.rollout;
  return state;
}

function item(artefact: ForgeIssue | ForgePullRequest): DashboardItem {
  return { number: artefact.number, url: artefact.url, title: artefact.title };
}

function byNumber(a: DashboardItem, b: DashboardItem): number {
  return a.number - b.number;
}

/** The category is the label an escalation carries beyond the base escalation labels. */
function groupByCategory(issues: readonly ForgeIssue[], baseLabels: readonly string[]): DashboardState["escalations"] {
  const groups = new Map<string, DashboardItem[]>();
  for (const issue of issues) {
    const category = issue.labels.find((l) => !baseLabels.includes(l)) ?? "uncategorised";
    groups.set(category, [...(groups.get(category) ?? []), item(issue)]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, items]) => ({ category, items: items.sort(byNumber) }));
}

function deferredMessages(doc: PlanDocument, result: ExecutionResult): DashboardState["deferred"] {
  const out: DashboardState["deferred"] = [];
  doc.messages.forEach((plan, i) => {
    if (plan.deferred !== undefined) return void out.push({ message_id: plan.message_id, reason: plan.deferred });
    const held = (result.outcomes[i] ?? []).find((o) => o.status === "deferred");
    if (held) out.push({ message_id: plan.message_id, reason: held.reason ?? held.code });
  });
  return out;
}
