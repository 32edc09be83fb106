import type { ForgeComment, ForgeIssue } from "../../domain/forge.ts";
import type { MessagePlan, RunAction } from "../plan/types.ts";
import type { TickState } from "./context.ts";
import type { Creation } from "./create-once.ts";
import { createOnce } from "./create-once.ts";
import type { ActionOutcome } from "./outcome.ts";
import { outcome } from "./outcome.ts";
import { listOwnWork, ownMarker } from "./own-work.ts";

export type EscalateAction = Extract<RunAction, { kind: "escalate" }>;

/**
 * An escalation becomes a GitHub issue, found again by its marker. A second message on a thread
 * that already has an open escalation issue becomes a comment there (also marked, so a re-run
 * finds it); an issue a maintainer closed is left closed.
 */
export async function executeEscalation(action: EscalateAction, plan: MessagePlan, state: TickState): Promise<ActionOutcome> {
  const { github, config } = state.deps;
  const work = await state.ownWork();
  const existing = work.issueFor(action.key);
  if (existing) return outcome("skipped", "already-done", { url: existing.url });
  const open = work.openIssueForThread(plan.thread_id);
  const bots = config.relay.bot_logins;
  if (open) {
    const findComment = async () => (await github.listComments(open.number)).find((c) => ownMarker(c, bots)?.key === action.key);
    const done = await findComment();
    if (done) return outcome("skipped", "already-done", { url: done.url });
    const made = await createOnce<ForgeComment>(state, action.key, findComment, () => github.comment(open.number, action.issue.body));
    return reported(made, "commented");
  }
  const findIssue = async () => (await listOwnWork(github, config.labels.escalation[0] ?? "ops-warden", bots)).issues.find((i) => i.marker.key === action.key)?.item;
  const made = await createOnce<ForgeIssue>(state, action.key, findIssue, () => github.createIssue({ title: action.issue.title, body: action.issue.body, labels: action.issue.labels }));
  if (made.kind !== "busy" && made.item) work.add("issue", made.item);
  return reported(made, "created");
}

/** How a creation went, as the action's outcome. */
export function reported<T>(made: Creation<T>, created: "created" | "commented"): ActionOutcome {
  if (made.kind === "busy") return outcome("deferred", "claimed-by-another-tick", { reason: `another tick is creating this (${made.holder}); the message stays unread` });
  if (made.kind === "found") return outcome("skipped", "already-done", { url: made.url });
  return outcome("executed", created, { url: made.url });
}
