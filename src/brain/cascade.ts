import type { BrainProposal, EscalationCategory } from "../domain/action.ts";
import type { Message } from "../domain/message.ts";
import type { Brain, BrainContext } from "./brain.ts";

/**
 * The escalations that mean "the rules could not tell", as opposed to "the rules found a reason
 * to stop" (a secret, production, an instruction aimed at the bot, a malformed change request):
 * only the former go to a model. A model never gets to overrule a safety escalation.
 */
const UNSURE: ReadonlySet<EscalationCategory> = new Set(["ambiguous", "out_of_scope"]);

/**
 * `--brain cascade`: the RuleBrain first, a model only when the rules are not confident. The
 * planner's inbound gates run before either (a message they escalate reaches no brain), and
 * both results pass the same guardrails after.
 */
export class CascadeBrain implements Brain {
  readonly name = "cascade";
  constructor(
    private readonly rules: Brain,
    private readonly model: Brain,
  ) {}

  beginTick(): void {
    this.rules.beginTick?.();
    this.model.beginTick?.();
  }

  async plan(message: Message, context: BrainContext): Promise<BrainProposal> {
    const first = await this.rules.plan(message, context);
    if (!rulesUnsure(first)) return { ...first, rationale: `${this.rules.name}: ${first.rationale}` };
    return this.model.plan(message, context);
  }
}

/** True when the rule result escalates only because the rules could not decide. */
export function rulesUnsure(proposal: BrainProposal): boolean {
  const escalations = proposal.actions.filter(isEscalation);
  return escalations.length > 0 && escalations.every((e) => UNSURE.has(e.category as EscalationCategory));
}

function isEscalation(action: unknown): action is { kind: "escalate"; category: unknown } {
  return typeof action === "object" && action !== null && (action as { kind?: unknown }).kind === "escalate";
}
