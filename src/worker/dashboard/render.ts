import { inlineCode, oneLine } from "../../domain/text-safety.ts";
import type { DashboardItem, DashboardState } from "./state.ts";

/** Finds the dashboard issue again; distinct from the action marker, so no relay mistakes it for a request. */
export const DASHBOARD_MARKER = "<!-- ops-warden:dashboard v1 -->";
export const DASHBOARD_TITLE = "ops-warden dashboard";
/** The line that changes every tick (time and that tick's counts); left out when deciding whether the page changed. */
const STAMP_PREFIX = "Last written by the tick at ";
const MAX_ROWS = 50;

/** The dashboard issue's body, Markdown, deterministic for a given state. */
export function renderDashboard(state: DashboardState): string {
  const t = state.tick;
  const lines = [
    DASHBOARD_MARKER,
    "This issue is kept up to date by ops-warden at the end of each executing tick. Do not edit it: the next change overwrites it.",
    "",
    `**Mode:** \`${state.mode}\``,
    // The one line that differs on every tick: a quiet tick leaves the page (and the API) alone.
    `${STAMP_PREFIX}${t.at}: ${t.outcome} (${t.executed} executed, ${t.skipped} already done, ${t.deferred} deferred, ${t.failed} failed). It is rewritten only when something below changes.`,
  ];
  if (state.rollout) lines.push("", `**Rollout check:** ${state.rollout.ready ? "ready" : "not ready"}: ${oneLine(state.rollout.summary, 300)}`);
  lines.push("", `## Open pull requests (${state.openPullRequests.length})`, ...items(state.openPullRequests));
  const open = state.escalations.reduce((n, g) => n + g.items.length, 0);
  lines.push("", `## Open escalations (${open})`);
  if (open === 0) lines.push("None.");
  for (const group of state.escalations) lines.push("", `### ${inlineCode(group.category, 50)} (${group.items.length})`, ...items(group.items));
  lines.push("", `## Deferred messages (${state.deferred.length})`);
  lines.push(...(state.deferred.length === 0 ? ["None."] : capped(state.deferred.map((d) => `- message ${inlineCode(d.message_id, 80)}: ${oneLine(d.reason, 200)}`))));
  lines.push("", `## Declined proposals (${state.declined.length})`, "Closed without merge by maintainers; ops-warden does not propose these again.", ...items(state.declined));
  return `${lines.join("\n")}\n`;
}

function items(list: readonly DashboardItem[]): string[] {
  if (list.length === 0) return ["None."];
  return capped(list.map((i) => `- [#${i.number}](${i.url}) ${inlineCode(i.title, 120)}`));
}

function capped(rows: string[]): string[] {
  return rows.length <= MAX_ROWS ? rows : [...rows.slice(0, MAX_ROWS), `- … and ${rows.length - MAX_ROWS} more`];
}

/** The body without its time stamp: equal fingerprints mean nothing a reader cares about changed. */
export function dashboardFingerprint(body: string): string {
  return body
    .split("\n")
    .filter((line) => !line.startsWith(STAMP_PREFIX))
    .join("\n")
    .trim();
}
