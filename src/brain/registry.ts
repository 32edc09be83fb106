import type { BrainKind } from "../domain/brain-kinds.ts";
import { BRAIN_KINDS } from "../domain/brain-kinds.ts";
import { ConfigError } from "../domain/errors.ts";
import type { Brain } from "./brain.ts";
import { CascadeBrain } from "./cascade.ts";
import type { LlmBrainOptions } from "./llm/llm-brain.ts";
import { LlmBrain } from "./llm/llm-brain.ts";
import { RuleBrain } from "./rule/rule-brain.ts";

/** Everything a brain builder may need; only what is set is used. */
export interface BrainDeps {
  env: NodeJS.ProcessEnv;
  /** A model brain's parts (client, cache, budget), built by the runtime when an endpoint is configured. */
  model?: LlmBrainOptions | undefined;
}

type BrainBuilder = (deps: BrainDeps) => Brain;

/**
 * One registry, one build function (release-please's factory pattern). A model brain without a
 * configured endpoint refuses with a typed config error rather than silently falling back.
 */
const BUILDERS: Record<BrainKind, BrainBuilder> = {
  rule: () => new RuleBrain(),
  llm: (deps) => new LlmBrain(modelParts("llm", deps)),
  cascade: (deps) => new CascadeBrain(new RuleBrain(), new LlmBrain(modelParts("cascade", deps))),
};

function modelParts(kind: string, deps: BrainDeps): LlmBrainOptions {
  if (deps.model) return deps.model;
  throw new ConfigError(`brain "${kind}" needs a model endpoint: set LLM_CONNECT_URL (llm-connect) or llm.provider: openai with llm.url, or use --brain rule`);
}

export function buildBrain(kind: string, deps: BrainDeps): Brain {
  if (!(BRAIN_KINDS as readonly string[]).includes(kind)) {
    throw new ConfigError(`unknown brain "${kind}" (known: ${BRAIN_KINDS.join(", ")})`);
  }
  return BUILDERS[kind as BrainKind](deps);
}
