import type { Catalog, Route } from "../domain/catalog.ts";
import { analyze } from "./analyze.ts";

/** A playbook step as quoted in an answer: its number in the playbook, so "step 4" means the same everywhere. */
export interface QuotedStep {
  n: number;
  text: string;
}

/** How many of a route's steps an answer quotes when the question asks nothing in particular. */
export const FIRST_STEPS = 3;

/**
 * What a question can ask about beyond "how do I get it": a step that speaks of the same topic
 * is quoted even when it is not among the first steps ("how long do the certificates last?"
 * must see the step that says 8 hours). Words are stemmed like everything else the index reads.
 */
const TOPICS: readonly { asked: readonly string[]; answered: readonly string[] }[] = [
  { asked: ["how long", "last", "lifetime", "ttl", "expire", "expiry", "valid", "validity", "duration"], answered: ["last", "lifetime", "ttl", "expire", "valid", "hours", "minutes"] },
  { asked: ["rotate", "rotation", "renew", "revoke", "leaked", "compromised"], answered: ["rotate", "rotation", "renew", "revoke"] },
  { asked: ["permission", "permissions", "scope", "denied", "principal"], answered: ["permission", "scope", "denied", "principal", "policy"] },
  { asked: ["fails", "failing", "error", "refused", "rejects", "broken"], answered: ["fails", "failing", "error", "refuses", "rejects", "denied"] },
].map((t) => ({ asked: stems(t.asked), answered: stems(t.answered) }));

function stems(words: readonly string[]): string[] {
  // "how long" → "long": filler words drop out exactly as they do in a question.
  return [...new Set(words.flatMap((w) => analyze(w)))];
}

/** The steps of a route: its own selection of its playbook's steps, or all of them. */
export function ownSteps(route: Route, catalog: Pick<Catalog, "playbooks">): QuotedStep[] {
  if (!route.playbook) return [];
  const playbook = catalog.playbooks.find((p) => p.path === route.playbook);
  if (!playbook) return [];
  const all = playbook.steps.map((text, i) => ({ n: i + 1, text }));
  if (!route.steps) return all;
  const wanted = new Set(route.steps);
  return all.filter((s) => wanted.has(s.n));
}

/**
 * The steps an answer quotes: the route's first steps, plus any later step on a topic the
 * question asks about (lifetime, rotation, permissions, failures), in playbook order. Only
 * catalog text is returned; the question only selects.
 */
export function routeSteps(route: Route, catalog: Pick<Catalog, "playbooks">, question = "", limit = FIRST_STEPS): QuotedStep[] {
  const steps = ownSteps(route, catalog);
  const asked = topicsAsked(question);
  return steps.filter((step, i) => i < limit || answersTopic(step.text, asked));
}

/** The later steps that speak to what the question asks (for a short follow-up answer). */
export function stepsOnTopic(route: Route, catalog: Pick<Catalog, "playbooks">, question: string): QuotedStep[] {
  const asked = topicsAsked(question);
  return asked.length === 0 ? [] : ownSteps(route, catalog).filter((step) => answersTopic(step.text, asked));
}

function topicsAsked(question: string): (typeof TOPICS)[number][] {
  if (question === "") return [];
  const terms = new Set(analyze(question));
  return TOPICS.filter((t) => t.asked.some((s) => terms.has(s)));
}

function answersTopic(text: string, topics: readonly (typeof TOPICS)[number][]): boolean {
  if (topics.length === 0) return false;
  const terms = new Set(analyze(text));
  return topics.some((t) => t.answered.some((s) => terms.has(s)));
}
