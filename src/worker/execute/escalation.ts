import type { MessagePlan, RunAction } from "../plan/types.ts";
import { readMarker } from "../render/marker.ts";
import type { TickState } from "./context.ts";
import type { ActionOutcome } from "./outcome.ts";
import { outcome } from "./outcome.ts";

export type EscalateAction = Extract<RunAction, { kind: "escalate" }>;

/**
 * An escalation becomes a GitHub issue, found again by its marker. A second message on a thread
 * that already has an open escalation issue becomes a comment there (also marked, so a re-run
 * finds it); an issue a maintainer closed is left closed.
 */
export async function executeEscalation(action: EscalateAction, plan: MessagePlan, state: TickState): Promise<ActionOutcome> {
  const { github } = state.deps;
  const work = await state.ownWork();
  const existing = work.issueFor(action.key);
  if (existing) return outcome("skipped", "already-done", { url: existing.url });
  const open = work.openIssueForThread(plan.thread_id);
  if (open) {
    const comments = await github.listComments(open.number);
    const done = comments.find((c) => readMarker(c.body)?.key === action.key);
    if (done) return outcome("skipped", "already-done", { url: done.url });
    const comment = await github.comment(open.number, action.issue.body);
    return outcome("executed", "commented", { url: comment.url });
  }
  const issue = await github.createIssue({ title: action.issue.title, body: action.issue.body, labels: action.issue.labels });
  work.add("issue", issue);
  return outcome("executed", "created", { url: issue.url });
}
