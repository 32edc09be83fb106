import type { Judged } from "../verdict.ts";
import { pass } from "../verdict.ts";
import type { JudgeContext } from "./context.ts";
import { judgePullRequestText, judgeRationale } from "./file-change.ts";

/**
 * The text a proposal carries to GitHub, in the order a reviewer would ask: the rationale (the
 * requester's or a model's words) passes every outbound check; then the pull request is
 * rendered — by the caller, who owns the rendering — and its title and body are judged again,
 * since rendering puts the rationale, the review card and code-owned fields side by side.
 * Allowed → the rendered text, for the effect to carry.
 */
export async function judgeProposalText<T extends { title: string; body: string }>(rationale: string, render: () => T, ctx: Pick<JudgeContext, "scanner" | "catalog">): Promise<Judged<T>> {
  const refused = await judgeRationale(rationale, ctx);
  if (refused) return { verdict: refused };
  const rendered = render();
  const again = await judgePullRequestText(rendered.title, rendered.body, ctx);
  return again ? { verdict: again } : { verdict: pass(), checked: rendered };
}
