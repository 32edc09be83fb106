import type { Owner, Playbook, Route } from "../domain/catalog.ts";
import { WARDEN_AGENT } from "../domain/message.ts";
import type { Located } from "./parse-files.ts";
import type { CatalogProblem, PathSegment } from "./problems.ts";
import { error, formatPath, warning } from "./problems.ts";
import { buildRouteIndex } from "./route-index.ts";

/**
 * Checks of what answers will say, as opposed to what the files hold: every route's `examples`
 * still route to it and each of its `aliases` alone ranks it first (routing regression tests run
 * by `catalog validate`), retired routes name
 * a live successor, step selections exist, and no step sends the asker back to ops-warden.
 */
export function answerChecks(routes: readonly Located<Route>[], playbooks: readonly Located<Playbook>[], owners: readonly Located<Owner>[] = []): CatalogProblem[] {
  return [...exampleProblems(routes, playbooks, owners), ...successorProblems(routes), ...stepProblems(routes, playbooks), ...selfReferences(playbooks)];
}

/** How many example questions the catalog carries (for `catalog validate`'s summary line). */
export function countExamples(routes: readonly Route[]): number {
  return routes.reduce((n, r) => n + (r.examples?.length ?? 0), 0);
}

function at(entry: Located<unknown>, ...field: PathSegment[]): { line?: number; path: string } {
  const path = [...entry.path, ...field];
  const line = entry.source.lineOf(path);
  return line === undefined ? { path: formatPath(path) } : { line, path: formatPath(path) };
}

/**
 * An active or draft route's example must get that route as the confident answer; a retired
 * route is never confident by design, so its examples must only rank it first.
 */
function exampleProblems(routes: readonly Located<Route>[], playbooks: readonly Located<Playbook>[], owners: readonly Located<Owner>[]): CatalogProblem[] {
  const index = buildRouteIndex(
    routes.map((r) => r.value),
    playbooks.map((p) => p.value),
    owners.map((o) => o.value),
  );
  const problems: CatalogProblem[] = [];
  for (const entry of routes) {
    const route = entry.value;
    // An alias is a name, not a need: alone it must rank its route first, confident or not.
    (route.aliases ?? []).forEach((alias, i) => {
      const top = index.lookup(alias, { top: 2 }).matches[0];
      if (top?.route.id === route.id) return;
      const got = top ? `routes to "${top.route.id}" (score ${top.score.toFixed(2)})` : "matches no route";
      problems.push(error(entry.file, `alias "${alias}" does not route here: it ${got}`, at(entry, "aliases", i)));
    });
    (route.examples ?? []).forEach((example, i) => {
      const answer = index.lookup(example, { top: 2 });
      const top = answer.matches[0];
      const needsConfidence = route.status !== "retired";
      if (top?.route.id === route.id && (answer.confident || !needsConfidence)) return;
      const got = !top ? "matches no route" : top.route.id !== route.id ? `routes to "${top.route.id}" (score ${top.score.toFixed(2)})` : "is not a confident match";
      problems.push(error(entry.file, `example "${example}" no longer routes here: it ${got}`, at(entry, "examples", i)));
    });
  }
  return problems;
}

function successorProblems(routes: readonly Located<Route>[]): CatalogProblem[] {
  const byId = new Map(routes.map((r) => [r.value.id, r.value]));
  const problems: CatalogProblem[] = [];
  for (const entry of routes) {
    const { status, superseded_by: next } = entry.value;
    if (next === undefined) continue;
    const successor = byId.get(next);
    if (status !== "retired") problems.push(error(entry.file, `only a retired route has a successor; this one is ${status}`, at(entry, "superseded_by")));
    else if (!successor) problems.push(error(entry.file, `superseded_by names unknown route "${next}"`, at(entry, "superseded_by")));
    else if (successor.status === "retired") problems.push(error(entry.file, `superseded_by names "${next}", which is retired too; name the live route`, at(entry, "superseded_by")));
  }
  return problems;
}

function stepProblems(routes: readonly Located<Route>[], playbooks: readonly Located<Playbook>[]): CatalogProblem[] {
  const counts = new Map(playbooks.map((p) => [p.value.path, p.value.steps.length]));
  const problems: CatalogProblem[] = [];
  for (const entry of routes) {
    const { steps, playbook } = entry.value;
    const count = playbook ? counts.get(playbook) : undefined;
    if (!steps || count === undefined) continue;
    steps.forEach((n, i) => {
      if (n > count) problems.push(error(entry.file, `step ${n} does not exist: ${playbook} has ${count} numbered steps`, at(entry, "steps", i)));
    });
  }
  return problems;
}

/** "Ask ops-warden on the State Hub" is what the asker just did: a step must say what to send instead. */
const SELF_REFERENCE = new RegExp(`\\b(?:ask|message|contact|write to)\\s+${WARDEN_AGENT}\\b|\\b${WARDEN_AGENT}\\s+on\\s+the\\s+state\\s+hub\\b`, "i");

function selfReferences(playbooks: readonly Located<Playbook>[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const entry of playbooks) {
    entry.value.steps.forEach((step, i) => {
      if (SELF_REFERENCE.test(step)) {
        problems.push(warning(entry.file, `step ${i + 1} tells the reader to ask ${WARDEN_AGENT}, who is the one answering; say what to send instead`));
      }
    });
  }
  return problems;
}
