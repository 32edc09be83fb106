/**
 * The brains ops-warden can plan with. The brain registry (`brain/registry.ts`) must build every
 * one of them (its table is typed by this list); the config schema reads it for `brain:`.
 */
export const BRAIN_KINDS = ["rule", "llm", "cascade"] as const;
export type BrainKind = (typeof BRAIN_KINDS)[number];
