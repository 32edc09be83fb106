import { actionKey } from "../../domain/keys.ts";
import type { CommentCreated } from "./events.ts";
import type { RelayDeps, RelayResult } from "./context.ts";
import { ignored, quoteRules } from "./context.ts";
import { deliver } from "./deliver.ts";
import { quoteMaintainer } from "./quote.ts";
import { isMaintainer } from "./maintainers.ts";
import { answerOnce } from "./notice.ts";
import { isBot, trustMarker } from "./trust.ts";
import { relayApprovalCommand } from "./approve.ts";

const COMMAND = /^\/warden(?:\s+(\S+))?(?:\s+([\s\S]*))?$/;

export const REFUSAL =
  "Sorry, only people with write, maintain or admin permission on this repository can answer the requester with `/warden reply`. Nothing was relayed.";

/**
 * `/warden reply <text>` on a bot PR or escalation issue: a maintainer (permission asked of the
 * API) has the text relayed to the requester, confirmed with a 👍 on the comment; anyone else
 * gets a polite refusal and nothing is relayed. The key is the comment id: one relay per comment
 * (an edited comment redelivered finds the key taken and is skipped: the first text stands).
 */
export async function relayReplyCommand(event: CommentCreated, deps: RelayDeps): Promise<RelayResult> {
  const { comment, issue } = event;
  if (isBot(comment.user, deps.settings) || comment.user.type === "Bot") return ignored("comment by a bot");
  const command = COMMAND.exec(comment.body.trim());
  if (!command) return ignored("not a /warden command");
  // The SSH lane's approval requests take their own two verbs (approve.ts).
  if (command[1] === "approve" || command[1] === "deny") return relayApprovalCommand(event, command[1], command[2] ?? "", deps);
  const trust = trustMarker(issue.body, issue.user, event.repository.full_name, deps.settings);
  if (!trust.trusted) return ignored(trust.reason);
  if (!(await isMaintainer(comment.user.login, deps))) {
    await answerOnce(issue.number, comment.id, REFUSAL, deps);
    return { outcome: "refused", reason: `${comment.user.login} lacks write permission` };
  }
  const [, verb, rest] = command;
  const text = (rest ?? "").trim();
  if (verb !== "reply" || text === "") {
    await answerOnce(issue.number, comment.id, "Usage: `/warden reply <text>` relays the text to the agent that asked. Nothing was relayed.", deps);
    return { outcome: "refused", reason: "not `/warden reply <text>`" };
  }
  if ((await deps.scanner.scan(text)).length > 0) {
    await answerOnce(issue.number, comment.id, "Not relayed: the reply contains what looks like a credential. ops-warden never passes secret values on; post the reply again without it.", deps);
    return { outcome: "refused", reason: "the reply contains a secret" };
  }
  const { marker } = trust;
  const result = await deliver(
    marker,
    {
      kind: "maintainer_reply",
      key: actionKey(marker.message_id, "relay_reply", `comment-${comment.id}`),
      subject: "ops-warden: a maintainer replied",
      body: [`A maintainer (${comment.user.login}) replied on ${issue.html_url} (${comment.html_url}):`, "", await quoteMaintainer(text, quoteRules(deps))].join("\n"),
      link: issue.pull_request === undefined ? { issue: issue.html_url } : { pr: issue.html_url },
    },
    deps,
  );
  // The relay is done once the hub has it; the 👍 is a courtesy, and failing the job over it
  // would have the relay re-run for nothing.
  await deps.forge.reactToComment(comment.id, "+1").catch((error: unknown) => {
    deps.log.warn({ comment: comment.id, error: error instanceof Error ? error.message : String(error) }, "relayed, but the 👍 reaction on the comment failed");
  });
  return result;
}
