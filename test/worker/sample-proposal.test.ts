import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import type { PlanDocument } from "../../src/worker/plan/document.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";

let state: string;
beforeAll(async () => void (state = await mkdtemp(join(tmpdir(), "warden-sample-"))));
afterAll(() => rm(state, { recursive: true, force: true }));

/**
 * msg-0008 is the sample's own proposed route: what a newcomer reads as a good example of a
 * route proposal. It must be one: examples that route to it, and no playbook about something else.
 */
describe("the sample's proposed route (msg-0008)", () => {
  it("is planned as a pull request whose route has examples and points at no unrelated playbook", async () => {
    const io = { ...captureIO(REPO_ROOT), env: { WARDEN_STATE_DIR: state } };
    expect(await runCli(["worker", "run", "--once", "--json"], io)).toBe(0);
    const plan = JSON.parse(io.stdout()) as PlanDocument;
    const message = plan.messages.find((m) => m.message_id === "msg-0008");
    const change = message?.run.find((a) => a.kind === "propose_catalog_change") as { content: string; route_id: string } | undefined;
    expect(change?.route_id).toBe("mtls-client-certificates");
    const routes = (parse(change?.content ?? "") as { routes: Record<string, unknown>[] }).routes;
    const route = routes.find((r) => r.id === "mtls-client-certificates");
    expect((route?.examples as string[] | undefined)?.length).toBeGreaterThanOrEqual(2);
    // mTLS certificates are not a workload-posture matter; without its own playbook the route is a draft.
    expect(route?.playbook).toBeUndefined();
    expect(route?.status).toBe("draft");
  });
});
