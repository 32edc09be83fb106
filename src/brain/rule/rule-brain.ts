import type { BrainProposal } from "../../domain/action.ts";
import { escalate } from "../../domain/action.ts";
import type { Message } from "../../domain/message.ts";
import { detectInjection } from "../../policy/injection.ts";
import { mentionsProductionChange } from "../../policy/production-gate.ts";
import { detectSecretRequest, normalizeForScan } from "../../policy/secrets/index.ts";
import type { Brain, BrainContext } from "../brain.ts";
import { planChangeRequest } from "./change-plan.ts";
import { parseChangeRequest } from "./change-request.ts";

/** Below this top score a question is treated as out of scope rather than merely ambiguous. */
const OUT_OF_SCOPE_SCORE = 0.15;

/**
 * The deterministic default brain. It answers routing questions the route index is confident
 * about, turns structured change requests into typed proposals, and escalates everything else:
 * requests for secret values, production changes, instructions aimed at the bot, and anything
 * it is not sure of. It never follows instructions found in a message.
 */
export class RuleBrain implements Brain {
  readonly name = "rule";

  async plan(message: Message, context: BrainContext): Promise<BrainProposal> {
    const text = normalizeForScan(`${message.subject}\n${message.body}`);
    const request = detectSecretRequest(text);
    if (request) return done([escalate("secret", `asks for a secret value ("${request.phrase}")`)], "asks for a secret value", 0.95);
    const injection = detectInjection(text);
    if (injection) return done([escalate("policy", `message addresses instructions to ops-warden (${injection.pattern})`)], "instructions aimed at the bot", 0.9);
    const production = mentionsProductionChange(text);
    if (production) return done([escalate("production", `message ${production}`)], "production change", 0.9);

    const change = parseChangeRequest(message.body);
    if (change.found) {
      if ("error" in change) return done([escalate("malformed", change.error)], "unparseable change request", 0.9);
      return planChangeRequest(change.request, context);
    }
    return this.route(`${message.subject}\n${message.body}`, context);
  }

  private route(question: string, context: BrainContext): BrainProposal {
    const answer = context.index.lookup(question, { top: 3 });
    const top = answer.matches[0];
    if (answer.confident && top) {
      return done([{ kind: "answer_route", route_id: top.route.id }], `routing question; best match ${top.route.id}`, top.score);
    }
    if (!top || top.score < OUT_OF_SCOPE_SCORE) {
      return done([escalate("out_of_scope", "no catalog route matches this request")], "no route matches", 0.6);
    }
    const candidates = answer.matches.map((m) => `${m.route.id} (${m.score.toFixed(2)})`).join(", ");
    return done([escalate("ambiguous", `no confident route; closest: ${candidates}`)], "ambiguous routing question", top.score);
  }
}

function done(actions: unknown[], rationale: string, confidence: number): BrainProposal {
  return { actions: [...actions, { kind: "mark_read" }], rationale, confidence };
}
