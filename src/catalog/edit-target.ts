import { parseDocument } from "yaml";
import { CatalogError } from "../domain/errors.ts";
import type { CatalogFiles } from "./files.ts";
import { decodeCatalogFile, fileKind } from "./files.ts";
import type { CatalogEdit } from "./yaml-edit.ts";

interface RoutesFileSummary {
  path: string;
  ids: Set<string>;
  owners: Map<string, number>;
}

/**
 * Which catalog file an edit belongs in. update/retire: the file that holds the id. add: the
 * file already holding most routes of the same owner, else `catalog/<owner>.yaml` (new).
 * Throws CatalogError when the id is missing (update/retire) or already taken anywhere (add).
 */
export function catalogFileFor(files: CatalogFiles, edit: CatalogEdit): string {
  const summaries = summarize(files);
  const id = edit.op === "retire" ? edit.route_id : edit.entry.id;
  const holder = summaries.find((s) => s.ids.has(id));
  if (edit.op !== "add") {
    if (!holder) throw new CatalogError(`cannot ${edit.op} route "${id}": no catalog file holds a route with this id`);
    return holder.path;
  }
  if (holder) throw new CatalogError(`cannot add route "${id}": ${holder.path} already holds a route with this id`);
  const owner = edit.entry.owner;
  const best = summaries
    .filter((s) => (s.owners.get(owner) ?? 0) > 0)
    .sort((a, b) => (b.owners.get(owner) ?? 0) - (a.owners.get(owner) ?? 0) || a.path.localeCompare(b.path))[0];
  return best?.path ?? newCatalogFilePath(owner);
}

/** `catalog/<owner>.yaml`; the owners registry's own name is never reused for routes. */
export function newCatalogFilePath(owner: string): string {
  return owner === "owners" ? "catalog/owners-routes.yaml" : `catalog/${owner}.yaml`;
}

/** The text a new catalog file starts from, before the first route is added to it. */
export function newCatalogFileText(owner: string): string {
  return [
    `# Routes owned by ${owner}. One entry per credential need; see docs/catalog.md for the schema.`,
    "# Validate with `warden catalog validate`. Never put a secret value in this file.",
    "routes: []",
    "",
  ].join("\n");
}

function summarize(files: CatalogFiles): RoutesFileSummary[] {
  const out: RoutesFileSummary[] = [];
  for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (fileKind(path) !== "routes") continue;
    const decoded = decodeCatalogFile(path, content);
    if (decoded.problem) continue;
    const value: unknown = parseDocument(decoded.text).toJS();
    const routes = (value as { routes?: unknown } | null)?.routes;
    const summary: RoutesFileSummary = { path, ids: new Set(), owners: new Map() };
    for (const route of Array.isArray(routes) ? routes : []) {
      const { id, owner } = (route ?? {}) as { id?: unknown; owner?: unknown };
      if (typeof id === "string") summary.ids.add(id);
      if (typeof owner === "string") summary.owners.set(owner, (summary.owners.get(owner) ?? 0) + 1);
    }
    out.push(summary);
  }
  return out;
}
