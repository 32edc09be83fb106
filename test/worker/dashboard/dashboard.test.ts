import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../../src/config/schema.ts";
import { actionKey } from "../../../src/domain/keys.ts";
import { gatherDashboardState } from "../../../src/worker/dashboard/gather.ts";
import { DASHBOARD_MARKER, renderDashboard } from "../../../src/worker/dashboard/render.ts";
import type { DashboardForge } from "../../../src/worker/dashboard/sync.ts";
import { syncDashboard } from "../../../src/worker/dashboard/sync.ts";
import type { ExecutionResult } from "../../../src/worker/execute/executor.ts";
import type { PlanDocument } from "../../../src/worker/plan/document.ts";
import { renderMarker } from "../../../src/worker/render/marker.ts";
import { MemoryGitHub } from "../../support/memory-github.ts";

/** The bot as GitHub reports it; the dashboard, like the executor, lists only the bot's own work. */
const BOT = { login: "ops-warden[bot]", bot: true };
const marked = (id: string) => `body\n\n${renderMarker({ key: actionKey(id, "escalate"), message_id: id, thread_id: `thr-${id}`, from_agent: "deploy-bot" })}`;

/** A repository where the bot has open, merged and declined PRs and escalations of two categories. */
function fixtureForge(): MemoryGitHub {
  const gh = new MemoryGitHub();
  const pr = (n: number, title: string, state: "open" | "closed", merged: boolean) =>
    gh.pulls.push({ number: n, url: `https://github.com/acme/estate/pull/${n}`, state, merged, title, body: marked(`m${n}`), labels: ["ops-warden"], head: `warden/m${n}-abc`, base: "main", author: BOT });
  const issue = (n: number, title: string, category: string, state: "open" | "closed" = "open") =>
    gh.issues.push({ number: n, url: `https://github.com/acme/estate/issues/${n}`, state, title, body: marked(`m${n}`), labels: ["ops-warden", "escalation", category], author: BOT });
  pr(3, "catalog: add route db-billing-ro", "open", false);
  pr(4, "catalog: retire route legacy-vpn", "closed", false);
  pr(5, "playbook: rotate ci tokens", "closed", true);
  pr(9, "catalog: `rm -rf` @everyone <b>", "open", false);
  issue(6, "Escalation: secret value in message m6", "secret");
  issue(7, "Escalation: production access for m7", "production");
  issue(8, "Escalation: secret request in m8", "secret");
  issue(10, "Escalation: old", "secret", "closed");
  gh.issues.push({ number: 11, url: "https://github.com/acme/estate/issues/11", state: "open", title: "human issue with our label", body: "no marker", labels: ["ops-warden"] });
  return gh;
}

const doc = { messages: [{ message_id: "m20", run: [] }, { message_id: "m21", deferred: "messages_per_tick reached (limits.messages_per_tick)", run: [] }, { message_id: "m22", run: [] }] } as unknown as PlanDocument;
const result: ExecutionResult = {
  outcomes: [[{ status: "executed", code: "sent" }], [], [{ status: "deferred", code: "open-pull-request-limit", reason: "10 ops-warden pull requests are open (limits.open_pull_requests_max)" }]],
  stopped: undefined,
  summary: { executed: 4, skipped: 2, deferred: 1, failed: 0, planned: 0 },
};
const config = { ...DEFAULT_CONFIG, mode: "scheduled" as const };
const at = (iso: string) => ({ doc, result, config, now: new Date(iso) });

describe("dashboard", () => {
  it("renders a fixture state (snapshot)", async () => {
    const state = await gatherDashboardState(fixtureForge(), { ...at("2026-12-01T12:00:00Z"), rollout: { ready: true, summary: "last 5 dry-run ticks clean" } });
    await expect(renderDashboard(state)).toMatchFileSnapshot("./__snapshots__/dashboard.md");
  });

  it("groups escalations by category, lists declined proposals and why messages wait", async () => {
    const state = await gatherDashboardState(fixtureForge(), at("2026-12-01T12:00:00Z"));
    expect(state.openPullRequests.map((p) => p.number)).toEqual([3, 9]);
    expect(state.declined.map((p) => p.number)).toEqual([4]);
    expect(state.escalations.map((g) => [g.category, g.items.map((i) => i.number)])).toEqual([["production", [7]], ["secret", [6, 8]]]);
    expect(state.deferred).toEqual([
      { message_id: "m21", reason: "messages_per_tick reached (limits.messages_per_tick)" },
      { message_id: "m22", reason: "10 ops-warden pull requests are open (limits.open_pull_requests_max)" },
    ]);
    expect(state.tick.outcome).toBe("ok");
    expect((await gatherDashboardState(fixtureForge(), { ...at("2026-12-01T12:00:00Z"), result: { ...result, stopped: "rate-limited" } })).tick.outcome).toBe("rate-limited");
  });

  it("titles render inert: no mention, HTML or code fence escapes", async () => {
    const body = renderDashboard(await gatherDashboardState(fixtureForge(), at("2026-12-01T12:00:00Z")));
    expect(body).toContain("[#9](https://github.com/acme/estate/pull/9) ``catalog: `rm -rf` @everyone <b>``");
  });

  it("is created and pinned once, then updated in place only when its content changed", async () => {
    const gh = fixtureForge();
    const pinned: number[] = [];
    const forge: DashboardForge = Object.assign(gh, { pinIssue: async (n: number) => void pinned.push(n) });
    const write = async (iso: string) => syncDashboard(forge, renderDashboard(await gatherDashboardState(gh, at(iso))), "ops-warden");

    const first = await write("2026-12-01T12:00:00Z");
    expect(first).toMatchObject({ write: "created", pinned: true });
    expect(pinned).toEqual([first.number]);
    const writesAfterCreate = gh.writeCalls().length;

    // A later tick with nothing new: only the time differs, so nothing is written.
    expect(await write("2026-12-01T12:15:00Z")).toMatchObject({ write: "unchanged", number: first.number });
    expect(gh.writeCalls()).toHaveLength(writesAfterCreate);

    // A new escalation changes the page: one update of the same issue, no second dashboard.
    gh.issues.push({ number: 30, url: "https://github.com/acme/estate/issues/30", state: "open", title: "Escalation: scope", body: marked("m30"), labels: ["ops-warden", "escalation", "scope"], author: BOT });
    expect(await write("2026-12-01T12:30:00Z")).toMatchObject({ write: "updated", number: first.number });
    expect(gh.writeCalls().map((c) => c.method)).toEqual(["createIssue", "updateIssue"]);
    expect(gh.issues.filter((i) => i.body.includes(DASHBOARD_MARKER))).toHaveLength(1);
    expect(gh.issues.find((i) => i.number === first.number)?.body).toContain("Last written by the tick at 2026-12-01T12:30:00.000Z");
  });

  it("a dashboard a maintainer closed is left closed, and a failed pin is not fatal", async () => {
    const gh = fixtureForge();
    const forge: DashboardForge = Object.assign(gh, { pinIssue: () => Promise.reject(new Error("three issues are pinned already")) });
    const body = renderDashboard(await gatherDashboardState(gh, at("2026-12-01T12:00:00Z")));
    const created = await syncDashboard(forge, body, "ops-warden");
    expect(created).toMatchObject({ write: "created", pinned: false });
    await gh.updateIssue(created.number, { state: "closed" });
    const writes = gh.writeCalls().length;
    expect(await syncDashboard(forge, body.replace("None.", "changed"), "ops-warden")).toMatchObject({ write: "closed" });
    expect(gh.writeCalls()).toHaveLength(writes);
  });
});
