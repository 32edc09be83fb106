import type { Verdict } from "../verdict.ts";
import { block, downgrade, pass } from "../verdict.ts";

/**
 * The rules about a proposal as a whole, not about one action's content: how many actions, no
 * effect twice, something must answer the message, and the two kinds that are always allowed.
 */

/** escalate: handing a message to a human is always safe. */
export const judgeEscalate = (): Verdict => pass("escalation is always allowed");

/** mark_read: allowed, but code places it last, once, after a terminal action. */
export const judgeMarkRead = (): Verdict => pass("runs last, after every other action", "mark-read-order");

/** The actions past `limit` become one escalation. */
export const judgeActionLimit = (proposed: number, limit: number): Verdict =>
  downgrade("action-limit", "policy", `the brain proposed ${proposed} actions; the limit is ${limit}`);

/** An effect with the key of one already planned for this message is dropped. */
export const judgeDuplicate = (): Verdict => block("duplicate", "the same action was already planned for this message");

/** mark_read alone answers nothing: without a terminal action the message goes to a human. */
export const judgeNothingAnswers = (): Verdict => downgrade("no-action", "ambiguous", "the brain proposed nothing that answers the message");

/** A proposal the guards cannot even examine is itself the finding: a human looks at it. */
export const judgeUncheckable = (error: unknown): Verdict =>
  downgrade("schema", "malformed", `the proposal could not be checked (${error instanceof Error ? error.name : "error"})`);
