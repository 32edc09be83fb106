import type { GitHubPort } from "../../domain/forge.ts";
import { actionKey } from "../../domain/keys.ts";
import type { Marker } from "../render/marker.ts";
import type { Relay } from "./deliver.ts";
import { lastMaintainerComment } from "./maintainers.ts";
import type { QuoteRules } from "./quote.ts";
import { quoteMaintainer } from "./quote.ts";

export type PullRequestEnd = "merged" | "declined";

/**
 * How a bot PR ended, as the requester hears it: the one rendering of this news, used by the relay
 * (webhook) and by the executor (a message still unread when its PR ended), so both send the same
 * body under the same key. Each outcome has its own key: a PR declined, reopened and merged
 * relays both, and the merge is never swallowed by the earlier "declined".
 */
export async function pullRequestOutcome(ended: PullRequestEnd, marker: Marker, pr: { number: number; url: string }, deps: { forge: GitHubPort; quote: QuoteRules }): Promise<Relay> {
  const key = actionKey(marker.message_id, ended === "merged" ? "pr_merged" : "pr_declined", marker.key);
  if (ended === "merged") {
    return {
      kind: "pr_merged",
      key,
      subject: "ops-warden: your change was merged",
      body: `merged: ${pr.url}\n\nMaintainers merged the pull request ops-warden opened for your request (message ${marker.message_id}).`,
      link: { pr: pr.url },
    };
  }
  const last = await lastMaintainerComment(pr.number, deps);
  const words = last ? ["", `Their last comment (${last.url}):`, await quoteMaintainer(last.body, deps.quote)] : ["", "They left no comment on the pull request."];
  return {
    kind: "pr_declined",
    key,
    subject: "ops-warden: your change was declined",
    body: [
      `declined: ${pr.url}`,
      "",
      `Maintainers closed the pull request for your request (message ${marker.message_id}) without merging it. ops-warden will not propose this change again.`,
      ...words,
    ].join("\n"),
    link: { pr: pr.url },
  };
}
