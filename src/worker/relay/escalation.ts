import { actionKey } from "../../domain/keys.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";
import type { IssueClosed } from "./events.ts";
import type { RelayDeps, RelayResult } from "./context.ts";
import { ignored, quoteRules } from "./context.ts";
import { deliver } from "./deliver.ts";
import { isMaintainer, lastMaintainerComment } from "./maintainers.ts";
import { quoteMaintainer } from "./quote.ts";
import { isBot, trustMarker } from "./trust.ts";

const HOW_CLOSED: Record<string, string> = {
  completed: "resolved",
  not_planned: "closed as not planned",
  duplicate: "closed as a duplicate",
};

/**
 * An escalation issue closed: the requester hears how the maintainers resolved it, with their
 * last comment. Keyed by the issue and the moment it was closed, so a redelivery relays once (a
 * redelivery after a new comment finds the key taken and is skipped) but a reopened and
 * closed-again issue relays its new resolution. A closing by someone without write permission is
 * not the maintainers' decision, and the requester is told exactly that.
 */
export async function relayEscalationClosed(event: IssueClosed, deps: RelayDeps): Promise<RelayResult> {
  const issue = event.issue;
  if (issue.pull_request !== undefined) return ignored("a pull request, not an escalation issue");
  const trust = trustMarker(issue.body, issue.user, event.repository.full_name, deps.settings);
  if (!trust.trusted) return ignored(trust.reason);
  const { marker } = trust;
  // A quarantined record's issue: there is no requester to tell.
  if (marker.from_agent === WARDEN_AGENT) return ignored("an escalation of a quarantined record: no requester to tell");
  const key = actionKey(marker.message_id, "relay_resolution", `${issue.number}@${issue.closed_at}`);
  const closer = event.sender;
  if (!isBot(closer, deps.settings) && !(await isMaintainer(closer.login, deps))) {
    const who = safeLogin(closer.login);
    return deliver(
      marker,
      {
        kind: "escalation_closed_by_non_maintainer",
        key,
        subject: "ops-warden: your escalation was closed, but not by a maintainer",
        body: [
          `closed by ${who}: ${issue.html_url}`,
          "",
          `${who} closed the escalation of your request (message ${marker.message_id}) without write permission on the repository: this is not a maintainer's decision, and nothing was resolved on their behalf.`,
        ].join("\n"),
        link: { issue: issue.html_url },
      },
      deps,
    );
  }
  const how = HOW_CLOSED[issue.state_reason ?? "completed"] ?? "closed";
  const last = await lastMaintainerComment(issue.number, deps);
  const words = last ? ["", `Their last comment (${last.url}):`, await quoteMaintainer(last.body, quoteRules(deps))] : ["", "They left no comment on the issue."];
  return deliver(
    marker,
    {
      kind: "escalation_resolved",
      key,
      subject: `ops-warden: your escalation was ${how}`,
      body: [`${how}: ${issue.html_url}`, "", `Maintainers ${how} the escalation of your request (message ${marker.message_id}).`, ...words].join("\n"),
      link: { issue: issue.html_url },
    },
    deps,
  );
}

/** A GitHub login as plain text: login characters only, so a name can carry no mention or markup. */
function safeLogin(login: string): string {
  return login.replace(/[^A-Za-z0-9-[\]]/g, "?").slice(0, 60);
}
