import { actionKey } from "../../domain/keys.ts";
import { inlineCode, oneLine } from "../../domain/text-safety.ts";
import type { IssueDraft } from "./issue.ts";
import { renderMarker } from "./marker.ts";

export interface ConflictFacts {
  message: { id: string; thread_id: string; from_agent: string };
  /** The key of the change that no longer applies. */
  changeKey: string;
  file: string;
  why: string;
}

/** The escalation's own key: one conflict issue per planned change, found again by its marker. */
export function conflictKey(facts: Pick<ConflictFacts, "message" | "changeKey">): string {
  return actionKey(facts.message.id, "conflict", facts.changeKey);
}

/**
 * A planned change that no longer applies to the default branch goes to a human instead of
 * overwriting what changed there. Code-owned fields only: ids, the file path, the reason.
 */
export function renderConflictIssue(facts: ConflictFacts, labels: readonly string[]): IssueDraft {
  const { message } = facts;
  const body = [
    "A change ops-warden planned no longer applies to the default branch, so no pull request was opened: writing the planned file would have reverted what changed there.",
    "",
    `- **File:** ${inlineCode(facts.file, 200)}`,
    `- **Why:** ${inlineCode(facts.why, 300)}`,
    `- **From:** ${inlineCode(message.from_agent, 60)} · message ${inlineCode(message.id, 60)} · thread ${inlineCode(message.thread_id, 60)}`,
    "",
    "**What to do:** read the request on the State Hub and make the change by hand, or ask the sender to send it again so it is planned against the current catalog.",
    "Closing this issue relays the outcome to the sender's thread.",
    "",
    renderMarker({ key: conflictKey(facts), message_id: message.id, thread_id: message.thread_id, from_agent: message.from_agent }),
  ].join("\n");
  return { title: oneLine(`[ops-warden] change conflict in ${facts.file.replace(/[^A-Za-z0-9._/-]/g, "?")}`, 100), body, labels: [...labels, "escalation:conflict"] };
}
