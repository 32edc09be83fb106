import type { Owner, Playbook, Route } from "../domain/catalog.ts";
import { phraseKey } from "./analyze.ts";
import { OWNERS_FILE } from "./files.ts";
import type { Located } from "./parse-files.ts";
import type { CatalogProblem, PathSegment } from "./problems.ts";
import { error, formatPath, warning } from "./problems.ts";
import { suggest } from "./yaml-source.ts";

export interface CrossCheckInput {
  owners: Located<Owner>[];
  routes: Located<Route>[];
  playbooks: Located<Playbook>[];
  /** Every playbook file present, parsed or not, so a broken playbook is not also "missing". */
  playbookFiles: ReadonlySet<string>;
  hasOwnersFile: boolean;
  /** Entries present but invalid (already reported): a reference to one is not "unknown". */
  invalid?: { routes: ReadonlySet<string>; owners: ReadonlySet<string> };
}

/** Checks that need more than one entry: unique ids, references, duplicate match phrases and aliases. */
export function crossCheck(input: CrossCheckInput): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  if (!input.hasOwnersFile) {
    problems.push(error(OWNERS_FILE, "owners registry not found; every route's owner must be listed in an `owners:` list here"));
  }
  problems.push(...duplicateIds(input.owners, "owner"), ...duplicateIds(input.routes, "route"));
  problems.push(...routeReferences(input));
  problems.push(...duplicatePhrases(input.routes));
  problems.push(...playbookReferences(input));
  return problems;
}

function where(entry: Located<unknown>, ...field: PathSegment[]): { line?: number; path: string } {
  const path = [...entry.path, ...field];
  const line = entry.source.lineOf(path);
  return line === undefined ? { path: formatPath(path) } : { line, path: formatPath(path) };
}

function place(entry: Located<unknown>): string {
  const line = entry.source.lineOf(entry.path);
  return line === undefined ? entry.file : `${entry.file}:${line}`;
}

function duplicateIds(entries: Located<{ id: string }>[], what: string): CatalogProblem[] {
  const first = new Map<string, Located<{ id: string }>>();
  const problems: CatalogProblem[] = [];
  for (const entry of entries) {
    const seen = first.get(entry.value.id);
    if (seen) problems.push(error(entry.file, `duplicate ${what} id "${entry.value.id}" (first defined at ${place(seen)})`, where(entry, "id")));
    else first.set(entry.value.id, entry);
  }
  return problems;
}

function routeReferences(input: CrossCheckInput): CatalogProblem[] {
  const ownerIds = input.owners.map((o) => o.value.id);
  const known = new Set(ownerIds);
  const playbookPaths = [...input.playbookFiles];
  const problems: CatalogProblem[] = [];
  for (const entry of input.routes) {
    const route = entry.value;
    if (input.hasOwnersFile && !known.has(route.owner) && !input.invalid?.owners.has(route.owner)) {
      problems.push(error(entry.file, `unknown owner "${route.owner}"${suggest(route.owner, ownerIds)}`, where(entry, "owner")));
    }
    if (route.playbook && !input.playbookFiles.has(route.playbook)) {
      problems.push(error(entry.file, `playbook "${route.playbook}" not found${suggest(route.playbook, playbookPaths)}`, where(entry, "playbook")));
    }
    if (!route.playbook && route.status === "active") {
      problems.push(error(entry.file, "an active route needs a playbook (playbooks/<name>.md)", where(entry)));
    }
    if (route.lane === "draft" && route.status === "active") {
      problems.push(warning(entry.file, "lane is draft but status is active; a draft lane is not ready to answer with", where(entry, "status")));
    }
  }
  return problems;
}

/**
 * Two live routes answering to the same phrase make routing a coin toss, so a match phrase or
 * alias (after normalisation: case, punctuation, inflections, filler words) may belong to one
 * route only. Retired routes are exempt: their phrases usually move to the route that replaced them.
 */
function duplicatePhrases(routes: Located<Route>[]): CatalogProblem[] {
  const owners = new Map<string, { entry: Located<Route>; field: PhraseField; index: number }>();
  const problems: CatalogProblem[] = [];
  for (const entry of routes) {
    const own = new Set<string>();
    for (const field of PHRASE_FIELDS) {
      (entry.value[field] ?? []).forEach((phrase, index) => {
        const what = PHRASE_NAMES[field];
        const key = phraseKey(phrase);
        if (key === "") {
          problems.push(error(entry.file, `${what} "${phrase}" has no searchable words (only filler words or punctuation)`, where(entry, field, index)));
          return;
        }
        if (own.has(key)) {
          problems.push(warning(entry.file, `${what} "${phrase}" repeats another phrase of this route`, where(entry, field, index)));
          return;
        }
        own.add(key);
        if (entry.value.status === "retired") return;
        const seen = owners.get(key);
        if (seen && seen.entry.value.id !== entry.value.id) {
          const at = where(seen.entry, seen.field, seen.index);
          const first = at.line === undefined ? seen.entry.file : `${seen.entry.file}:${at.line}`;
          problems.push(error(entry.file, `${what} "${phrase}" is already a phrase of route "${seen.entry.value.id}" (${first})`, where(entry, field, index)));
        } else if (!seen) {
          owners.set(key, { entry, field, index });
        }
      });
    }
  }
  return problems;
}

type PhraseField = "match" | "aliases";
const PHRASE_FIELDS: readonly PhraseField[] = ["match", "aliases"];
const PHRASE_NAMES: Record<PhraseField, string> = { match: "match phrase", aliases: "alias" };

function playbookReferences(input: CrossCheckInput): CatalogProblem[] {
  const ownerIds = input.owners.map((o) => o.value.id);
  const routesById = new Map<string, Route>();
  for (const r of input.routes) if (!routesById.has(r.value.id)) routesById.set(r.value.id, r.value);
  const routeIds = [...routesById.keys()];
  const problems: CatalogProblem[] = [];
  for (const entry of input.playbooks) {
    const { meta, path } = entry.value;
    if (input.hasOwnersFile && !ownerIds.includes(meta.owner) && !input.invalid?.owners.has(meta.owner)) {
      problems.push(error(entry.file, `unknown owner "${meta.owner}"${suggest(meta.owner, ownerIds)}`, where(entry, "owner")));
    }
    meta.routes.forEach((id, index) => {
      const route = routesById.get(id);
      if (!route) {
        if (!input.invalid?.routes.has(id)) problems.push(error(entry.file, `unknown route "${id}"${suggest(id, routeIds)}`, where(entry, "routes", index)));
      }
      else if (route.playbook !== path) {
        problems.push(warning(entry.file, `route "${id}" points to ${route.playbook ?? "no playbook"}, not to this playbook`, where(entry, "routes", index)));
      }
    });
  }
  return problems;
}
