import type { ForgePullRequest } from "../../src/domain/forge.ts";
import type { RelayDeps } from "../../src/worker/relay/context.ts";
import { fakeScanner } from "../catalog/helpers.ts";
import type { executorWorld } from "./executor-world.ts";

type World = Awaited<ReturnType<typeof executorWorld>>;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The relays wired to an executor world's forge and hub: what the GitHub App would do there. */
export function relayDepsFor(world: World): RelayDeps {
  return {
    settings: { repository: "acme/estate", botLogins: ["ops-warden[bot]"], quoteMaxChars: 1500, linkHosts: ["github.com"], mode: "manual" },
    forge: world.github,
    hub: () => world.hub,
    scanner: fakeScanner,
    knownSecrets: [],
    audit: undefined,
    log: quiet,
    now: () => new Date("2026-12-01T12:00:00Z"),
  };
}

/** The `pull_request.closed` payload GitHub sends for a PR of the memory forge. */
export function closedPayload(pr: ForgePullRequest, closedAt = "2026-12-01T11:00:00Z") {
  return {
    action: "closed" as const,
    repository: { full_name: "acme/estate" },
    sender: { login: "mara", type: "User" },
    pull_request: { number: pr.number, html_url: pr.url, body: pr.body, user: { login: "ops-warden[bot]", type: "Bot" }, merged: pr.merged, closed_at: closedAt, head: { ref: pr.head } },
  };
}
