import type { BrainProposal } from "../../domain/action.ts";
import { escalate } from "../../domain/action.ts";
import { DeferredError } from "../../domain/errors.ts";
import { contentHash } from "../../domain/keys.ts";
import type { DecisionCache, LlmClient, LlmCost, LlmRequest } from "../../domain/llm.ts";
import { NO_LLM_COST } from "../../domain/llm.ts";
import type { Message } from "../../domain/message.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import { CHARTER } from "../../policy/charter.ts";
import type { Brain, BrainContext } from "../brain.ts";
import type { CachedDecision } from "./cached-decision.ts";
import { readCachedDecision, storedForm, toCachedDecision } from "./cached-decision.ts";
import type { CallBudget } from "./call-budget.ts";
import { decisionKey } from "./decision-key.ts";
import { MAX_FRAMED_BODY_CHARS, chooseBoundary, frameInput } from "./framing.ts";
import { readModelOutput } from "./output.ts";
import { responseJsonSchema } from "./schema.ts";

/** Bumped whenever the prompt or the reading of answers changes meaning: old cached decisions stop matching. */
const FRAMING_VERSION = "llm-brain/1";

export interface LlmBrainOptions {
  client: LlmClient;
  /** Redacts what is kept (rationale, cached decisions); the guardrails scan every effect again. */
  scanner: SecretScanner;
  budget: CallBudget;
  cache: DecisionCache | undefined;
  maxTokens: number;
  /** How many candidate routes the prompt carries (top-k of the route index). */
  candidateRoutes: number;
  /** A fresh unpredictable boundary for each request (random hex in production). */
  drawBoundary: () => string;
}

/**
 * Plans a message with a language model through the `LlmClient` port. It never crashes a tick:
 * every failure of the endpoint or of the answer becomes `escalate(ambiguous)` with the reason.
 * What it returns is a proposal like any brain's — the guardrails decide what may run.
 */
export class LlmBrain implements Brain {
  readonly name = "llm";
  private readonly version: string;

  constructor(private readonly options: LlmBrainOptions) {
    const { client, maxTokens, candidateRoutes } = options;
    const settings = [FRAMING_VERSION, contentHash(CHARTER, 16), contentHash(JSON.stringify(responseJsonSchema()), 16), client.provider, client.model ?? "", maxTokens, candidateRoutes];
    this.version = settings.join("|");
  }

  beginTick(): void {
    this.options.budget.reset();
  }

  async plan(message: Message, context: BrainContext): Promise<BrainProposal> {
    if (message.body.length > MAX_FRAMED_BODY_CHARS) {
      return unsure(`the message is longer than the ${MAX_FRAMED_BODY_CHARS} characters given to a model`, NO_LLM_COST);
    }
    const key = decisionKey(message, context.catalog, this.version);
    const cached = await this.fromCache(key);
    if (cached) return { ...cached, cost: { ...NO_LLM_COST, cache_hits: 1 } };
    if (!this.options.budget.take()) {
      throw new DeferredError(`per-tick model call limit (${this.options.budget.limit}) reached; planned next tick`);
    }
    return this.ask(message, context, key);
  }

  /** The request as sent: exposed for the tests of charter, framing and bounded context. */
  request(message: Message, context: BrainContext): LlmRequest {
    const routes = context.index.lookup(`${message.subject}\n${message.body}`, { top: this.options.candidateRoutes }).matches.map((m) => m.route);
    const boundary = chooseBoundary(message, this.options.drawBoundary);
    return { system: CHARTER, input: frameInput(message, routes, boundary), responseSchema: responseJsonSchema(), maxTokens: this.options.maxTokens, temperature: 0 };
  }

  private async ask(message: Message, context: BrainContext, key: string): Promise<BrainProposal> {
    const { client, maxTokens } = this.options;
    let response;
    try {
      response = await client.complete(this.request(message, context));
    } catch (error) {
      return unsure(`model call failed: ${error instanceof Error ? error.message : String(error)}`, { ...NO_LLM_COST, calls: 1, failures: 1 });
    }
    const cost: LlmCost = { ...NO_LLM_COST, calls: 1, input_tokens: response.usage.input_tokens, output_tokens: response.usage.output_tokens };
    const read = readModelOutput(response, maxTokens);
    if (!read.ok) return unsure(read.reason, { ...cost, failures: 1 });
    const decision = await toCachedDecision(read.envelope, response.model, client.model, this.options.scanner);
    if (decision.clean) await this.toCache(key, decision.entry);
    return { ...proposalOf(decision.entry), cost };
  }

  private async fromCache(key: string): Promise<Omit<BrainProposal, "cost"> | undefined> {
    const { cache, scanner } = this.options;
    if (!cache) return undefined;
    const entry = await readCachedDecision(await cache.read(key).catch(() => undefined), scanner);
    return entry ? proposalOf(entry) : undefined;
  }

  private async toCache(key: string, entry: CachedDecision): Promise<void> {
    // A decision that cannot be stored is still the decision: the next tick asks again.
    await this.options.cache?.write(key, storedForm(entry)).catch(() => undefined);
  }
}

function proposalOf(entry: CachedDecision): Omit<BrainProposal, "cost"> {
  return { actions: entry.actions, rationale: entry.rationale, confidence: entry.confidence, model: entry.model };
}

/** The model could not decide this message: a human does. */
function unsure(reason: string, cost: LlmCost): BrainProposal {
  return { actions: [escalate("ambiguous", reason)], rationale: `no model decision: ${reason}`, confidence: 0, cost };
}
