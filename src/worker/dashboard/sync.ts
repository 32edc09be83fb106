import type { GitHubPort } from "../../domain/forge.ts";
import { DASHBOARD_MARKER, DASHBOARD_TITLE, dashboardFingerprint } from "./render.ts";

/** The issue calls the dashboard makes; pinning is GraphQL-only on GitHub, so it is its own call. */
export interface DashboardForge extends Pick<GitHubPort, "listIssues" | "createIssue" | "updateIssue"> {
  pinIssue?(issueNumber: number): Promise<void>;
}

export type DashboardWrite =
  | { write: "created" | "updated" | "unchanged"; number: number; url: string; pinned?: boolean }
  /** A maintainer closed the dashboard: respected, not recreated or updated, until they reopen it. */
  | { write: "closed"; number: number; url: string };

/**
 * Finds the one dashboard issue by its marker and writes it only when its content changed:
 * unchanged → zero writes; no dashboard yet → created and pinned (a failed pin is reported, not
 * fatal: pinning is cosmetic and limited to three issues per repository).
 */
export async function syncDashboard(forge: DashboardForge, body: string, label: string): Promise<DashboardWrite> {
  const candidates = (await forge.listIssues({ label })).filter((i) => i.body.includes(DASHBOARD_MARKER)).sort((a, b) => a.number - b.number);
  const current = candidates.find((i) => i.state === "open") ?? candidates[0];
  if (!current) {
    const created = await forge.createIssue({ title: DASHBOARD_TITLE, body, labels: [label] });
    const pinned = forge.pinIssue ? await forge.pinIssue(created.number).then(() => true, () => false) : false;
    return { write: "created", number: created.number, url: created.url, pinned };
  }
  if (current.state === "closed") return { write: "closed", number: current.number, url: current.url };
  if (dashboardFingerprint(current.body) === dashboardFingerprint(body)) return { write: "unchanged", number: current.number, url: current.url };
  const updated = await forge.updateIssue(current.number, { body });
  return { write: "updated", number: updated.number, url: updated.url };
}
