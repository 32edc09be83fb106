import { applyPatch } from "diff";

export type Rebased = { kind: "apply"; content: string } | { kind: "conflict"; why: string };

/**
 * The planned change re-applied to the file as it is on the fresh default branch, as an edit
 * (the plan's diff, hunk by hunk, with its context lines), never as the whole file the plan
 * computed: a change someone else made since planning stays. When the lines the edit touches, or
 * their context, changed, the edit no longer applies and the result is a conflict.
 */
export function rebaseChange(fresh: string | undefined, planned: { content: string; diff: string }): Rebased {
  if (fresh === planned.content) return { kind: "apply", content: planned.content };
  const result = applyPatch(fresh ?? "", planned.diff, { fuzzFactor: 0 });
  if (result === false) {
    return { kind: "conflict", why: fresh === undefined ? "the file was removed from the default branch since the change was planned" : "the lines this change edits changed on the default branch since it was planned" };
  }
  return { kind: "apply", content: result };
}
