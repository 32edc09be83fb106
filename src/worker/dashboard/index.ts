import type { GitHubPort } from "../../domain/forge.ts";
import type { DashboardInput } from "./gather.ts";
import { gatherDashboardState } from "./gather.ts";
import { renderDashboard } from "./render.ts";
import type { DashboardForge, DashboardWrite } from "./sync.ts";
import { syncDashboard } from "./sync.ts";

export type { DashboardInput, DashboardForge, DashboardWrite };

/**
 * The hook an executing tick calls last: gathers the bot's PRs and escalations, renders the
 * dashboard and writes it only if it changed (two list calls, zero writes on a quiet tick).
 */
export async function updateDashboard(forge: DashboardForge & Pick<GitHubPort, "listPullRequests">, input: DashboardInput): Promise<DashboardWrite> {
  const state = await gatherDashboardState(forge, input);
  return syncDashboard(forge, renderDashboard(state), input.config.labels.escalation[0] ?? "ops-warden");
}
