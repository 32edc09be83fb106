import { actionKey } from "../../domain/keys.ts";
import type { IssueClosed } from "./events.ts";
import type { RelayDeps, RelayResult } from "./context.ts";
import { ignored } from "./context.ts";
import { deliver, quoteMaintainer } from "./deliver.ts";
import { lastMaintainerComment } from "./maintainers.ts";
import { trustMarker } from "./trust.ts";

const HOW_CLOSED: Record<string, string> = {
  completed: "resolved",
  not_planned: "closed as not planned",
  duplicate: "closed as a duplicate",
};

/**
 * An escalation issue closed: the requester hears how the maintainers resolved it, with their
 * last comment. Keyed by the issue and the moment it was closed, so a redelivery relays once but
 * a reopened and closed-again issue relays its new resolution.
 */
export async function relayEscalationClosed(event: IssueClosed, deps: RelayDeps): Promise<RelayResult> {
  const issue = event.issue;
  if (issue.pull_request !== undefined) return ignored("a pull request, not an escalation issue");
  const trust = trustMarker(issue.body, issue.user, event.repository.full_name, deps.settings);
  if (!trust.trusted) return ignored(trust.reason);
  const { marker } = trust;
  const how = HOW_CLOSED[issue.state_reason ?? "completed"] ?? "closed";
  const last = await lastMaintainerComment(issue.number, deps);
  const words = last ? ["", `Their last comment (${last.url}):`, await quoteMaintainer(last.body, deps)] : ["", "They left no comment on the issue."];
  return deliver(
    marker,
    {
      kind: "escalation_resolved",
      key: actionKey(marker.message_id, "relay_resolution", `${issue.number}@${issue.closed_at}`),
      subject: `ops-warden: your escalation was ${how}`,
      body: [`${how}: ${issue.html_url}`, "", `Maintainers ${how} the escalation of your request (message ${marker.message_id}).`, ...words].join("\n"),
      link: { issue: issue.html_url },
    },
    deps,
  );
}
