import type { PullRequestClosed } from "./events.ts";
import type { RelayDeps, RelayResult } from "./context.ts";
import { ignored, quoteRules } from "./context.ts";
import { deliver } from "./deliver.ts";
import { pullRequestOutcome } from "./pr-outcome.ts";
import { trustMarker } from "./trust.ts";

/**
 * A bot PR closed: merged → the requester hears "merged: <url>"; closed unmerged → that the
 * maintainers declined it, with their last comment. Rendered and keyed as the executor renders
 * and keys the same news, so the requester hears it once whichever of the two gets there first.
 */
export async function relayPullRequestClosed(event: PullRequestClosed, deps: RelayDeps): Promise<RelayResult> {
  const pr = event.pull_request;
  const trust = trustMarker(pr.body, pr.user, event.repository.full_name, deps.settings);
  if (!trust.trusted) return ignored(trust.reason);
  const notice = await pullRequestOutcome(pr.merged ? "merged" : "declined", trust.marker, { number: pr.number, url: pr.html_url }, { forge: deps.forge, quote: quoteRules(deps) });
  return deliver(trust.marker, notice, deps);
}
