import type { BrainKind } from "../domain/brain-kinds.ts";
import { BRAIN_KINDS } from "../domain/brain-kinds.ts";
import { ConfigError } from "../domain/errors.ts";
import type { Brain } from "./brain.ts";
import { RuleBrain } from "./rule/rule-brain.ts";

/** Everything a brain builder may need; only what is set is used. */
export interface BrainDeps {
  env: NodeJS.ProcessEnv;
}

type BrainBuilder = (deps: BrainDeps) => Brain;

/**
 * One registry, one build function (release-please's factory pattern). The language-model
 * brains are registered by name so config and flags can select them; until their adapter
 * exists they refuse with a typed config error rather than silently falling back.
 */
const BUILDERS: Record<BrainKind, BrainBuilder> = {
  rule: () => new RuleBrain(),
  llm: () => unavailable("llm"),
  cascade: () => unavailable("cascade"),
};

function unavailable(kind: string): never {
  throw new ConfigError(`brain "${kind}" is not available in this version: the llm-connect adapter is not built yet; use --brain rule`);
}

export function buildBrain(kind: string, deps: BrainDeps): Brain {
  if (!(BRAIN_KINDS as readonly string[]).includes(kind)) {
    throw new ConfigError(`unknown brain "${kind}" (known: ${BRAIN_KINDS.join(", ")})`);
  }
  return BUILDERS[kind as BrainKind](deps);
}
