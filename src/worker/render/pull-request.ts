import type { Message } from "../../domain/message.ts";
import { changeHash, renderMarker } from "./marker.ts";
import { inlineCode, oneLine, quoteUntrusted } from "../../domain/text-safety.ts";

export interface PullRequestDraft {
  branch: string;
  title: string;
  body: string;
  labels: string[];
}

export interface ChangeSummary {
  /** e.g. `add route ssh-build-hosts` or `update playbooks/ssh-certificates.md`. */
  headline: string;
  /** `catalog` or `playbook`, the branch namespace. */
  area: "catalog" | "playbook";
  /** A slug naming what changes, for the branch. */
  subject: string;
  file: string;
  /** The typed change's fields that differ (catalog: route keys; playbook: `content`). */
  fields: readonly string[];
  /** The one free text a PR carries; it passed every outbound check before rendering. */
  rationale: string;
  /** The review card's lines (review-card.ts): what the change adds, derived from the diff. */
  card?: readonly string[];
}

/**
 * Branch, title and body of the PR a proposal becomes. The branch is under `warden/` and ends in
 * the action key's hash, so the same proposal always maps to the same branch and PR. `content`
 * (the whole new file) is hashed into the marker, so a re-run can tell changed content apart.
 */
export function renderPullRequest(message: Message, change: ChangeSummary & { content: string }, key: string, labels: readonly string[]): PullRequestDraft {
  const hash = key.slice(-8);
  const body = [
    `ops-warden proposes this change for ${inlineCode(message.from_agent, 60)} (message ${inlineCode(message.id, 60)}, thread ${inlineCode(message.thread_id, 60)}).`,
    "",
    `**Change:** ${change.headline} in \`${change.file}\`.`,
    `**Fields changed:** ${change.fields.map((f) => inlineCode(f, 40)).join(", ") || "none"}`,
    "",
    "### Rationale: the requester's words, unverified (rendered: what ops-warden cannot read shows as […])",
    quoteUntrusted(change.rationale, 2000),
    "",
    ...(change.card ? [...change.card, ""] : []),
    "### Checked before opening",
    "- the change is a typed record turned into a file by ops-warden, limited to `catalog/` and `playbooks/`",
    "- the catalog with this change passes `warden catalog validate`",
    "- no secret and no credential-shaped word new to the repository was found in the diff, the rationale or this text",
    "- the change keeps the charter's invariants and comes from the route's owner agent",
    "",
    "A maintainer decides whether to merge; ops-warden never merges. Closing without merging declines exactly this change.",
    "",
    renderMarker({ key, message_id: message.id, thread_id: message.thread_id, from_agent: message.from_agent, hash: changeHash(change.file, change.content) }),
  ].join("\n");
  return {
    branch: `warden/${change.area}-${change.subject}-${hash}`,
    title: oneLine(`${change.area}: ${change.headline}`, 100),
    body,
    labels: [...labels],
  };
}
