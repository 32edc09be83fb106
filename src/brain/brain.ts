import type { BrainProposal } from "../domain/action.ts";
import type { Catalog, RouteIndex } from "../domain/catalog.ts";
import type { Message } from "../domain/message.ts";

/** What a brain may look at while planning. Read-only views; a brain has no I/O of its own. */
export interface BrainContext {
  index: RouteIndex;
  catalog: Catalog;
  /** The current text of a repository file under catalog/ or playbooks/ (for edits), if it exists. */
  fileText(path: string): string | undefined;
  /**
   * The hosts replies may link to (config `replies.link_hosts`). A brain that checks what a change
   * adds uses the guardrails' own detector with these same hosts; absent, it allows no link.
   */
  linkHosts?: readonly string[];
  /** The route ops-warden answered earlier in this message's thread, if any (for follow-ups). */
  earlierRoute?(message: Message): string | undefined;
}

/**
 * Plans one message. The output is untrusted whatever the implementation: the planner passes
 * every action through the guardrails, so a brain can only ever propose.
 */
export interface Brain {
  readonly name: string;
  plan(message: Message, context: BrainContext): Promise<BrainProposal>;
  /** Called once before each tick's first message: per-tick budgets start over. */
  beginTick?(): void;
}
