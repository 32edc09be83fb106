/**
 * What the dashboard issue shows, gathered at the end of an executing tick. Built from
 * code-owned fields (numbers, URLs, ids, codes) plus titles the bot itself wrote; nothing a
 * requester sent is shown verbatim.
 */
export interface DashboardState {
  mode: string;
  tick: { at: string; outcome: "ok" | "rate-limited" | "failed"; executed: number; skipped: number; deferred: number; failed: number };
  openPullRequests: DashboardItem[];
  /** Open escalation issues, grouped by category label. */
  escalations: { category: string; items: DashboardItem[] }[];
  deferred: { message_id: string; reason: string }[];
  /** Bot PRs closed without merge: maintainers' "no", never proposed again. */
  declined: DashboardItem[];
  /** `warden rollout check`'s verdict, when the audit provides one. */
  rollout?: { ready: boolean; summary: string };
}

export interface DashboardItem {
  number: number;
  url: string;
  title: string;
}
