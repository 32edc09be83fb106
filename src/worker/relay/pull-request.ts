import { actionKey } from "../../domain/keys.ts";
import type { PullRequestClosed } from "./events.ts";
import type { RelayDeps, RelayResult } from "./context.ts";
import { ignored } from "./context.ts";
import { deliver, quoteMaintainer } from "./deliver.ts";
import { lastMaintainerComment } from "./maintainers.ts";
import { trustMarker } from "./trust.ts";

/**
 * A bot PR closed: merged → the requester hears "merged: <url>"; closed unmerged → that the
 * maintainers declined it, with their last comment. The key is the one the executor uses for the
 * same news, so the requester hears it once whichever of the two gets there first.
 */
export async function relayPullRequestClosed(event: PullRequestClosed, deps: RelayDeps): Promise<RelayResult> {
  const pr = event.pull_request;
  const trust = trustMarker(pr.body, pr.user, event.repository.full_name, deps.settings);
  if (!trust.trusted) return ignored(trust.reason);
  const { marker } = trust;
  const key = actionKey(marker.message_id, "pr_outcome", marker.key);
  if (pr.merged) {
    return deliver(
      marker,
      {
        kind: "pr_merged",
        key,
        subject: "ops-warden: your change was merged",
        body: `merged: ${pr.html_url}\n\nMaintainers merged the pull request ops-warden opened for your request (message ${marker.message_id}).`,
        link: { pr: pr.html_url },
      },
      deps,
    );
  }
  const last = await lastMaintainerComment(pr.number, deps);
  const words = last ? ["", `Their last comment (${last.url}):`, await quoteMaintainer(last.body, deps)] : ["", "They left no comment on the pull request."];
  return deliver(
    marker,
    {
      kind: "pr_declined",
      key,
      subject: "ops-warden: your change was declined",
      body: [
        `declined: ${pr.html_url}`,
        "",
        `Maintainers closed the pull request for your request (message ${marker.message_id}) without merging it. ops-warden will not propose this change again.`,
        ...words,
      ].join("\n"),
      link: { pr: pr.html_url },
    },
    deps,
  );
}
