import type { Route, RouteInput } from "../domain/catalog.ts";
import { addedContentProblem, stringsOf } from "./added-content.ts";
import { detectInjection } from "./injection.ts";
import { privateKeyHandOver } from "./key-handover.ts";
import { normalizeForScan } from "./secrets/index.ts";
import { catalogValueProblem } from "./text-grammar.ts";
import type { Verdict } from "./verdict.ts";
import { downgrade } from "./verdict.ts";

/**
 * Text an entry adds is rendered into every answer for the route and read by any brain that
 * plans with the catalog: no foreign links, images or HTML, no instructions aimed at agents, and
 * no request for private key material (key-handover.ts).
 */
export function entryContentProblem(existing: Route | undefined, entry: RouteInput, linkHosts: readonly string[]): Verdict | undefined {
  const after = stringsOf(entry);
  const content = addedContentProblem(stringsOf(existing ?? {}), after, linkHosts);
  if (content) return downgrade("content", "policy", content);
  const injection = detectInjection(normalizeForScan(after));
  if (injection) return downgrade("injection", "policy", `the entry addresses instructions to agents (${injection.pattern})`);
  // Answers repeat the title and summary: like a playbook step, no value may ask for a private key.
  const old = new Set(existing ? [existing.title, existing.summary ?? "", ...existing.match, ...(existing.examples ?? [])] : []);
  const added = [entry.title, entry.summary ?? "", ...entry.match].filter((v) => !old.has(v));
  if (added.some(privateKeyHandOver)) return downgrade("secret-request", "secret", `route "${entry.id}" would ask its readers to hand over private key material`);
  return undefined;
}

/**
 * Each value an entry adds (title, summary, match phrases, examples) is plain text of bounded
 * length (text-grammar.ts): examples sit in the catalog a brain plans from, like the rest.
 */
export function entryGrammarProblem(existing: Route | undefined, entry: RouteInput, linkHosts: readonly string[]): Verdict | undefined {
  const old = new Set(existing ? [existing.title, existing.summary ?? "", ...existing.match, ...(existing.examples ?? [])] : []);
  const values: [string, string][] = [
    ["title", entry.title],
    ["summary", entry.summary ?? ""],
    ...entry.match.map((m): [string, string] => ["match", m]),
    ...(entry.examples ?? []).map((e): [string, string] => ["examples", e]),
  ];
  for (const [field, value] of values) {
    if (old.has(value)) continue;
    const problem = catalogValueProblem(field, normalizeForScan(value), linkHosts);
    if (problem) return downgrade("text-grammar", "policy", `route "${entry.id}": ${problem.reason}`);
  }
  return undefined;
}
