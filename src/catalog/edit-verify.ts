import { parseDocument } from "yaml";
import { RouteSchema } from "../domain/catalog.ts";
import { CatalogError } from "../domain/errors.ts";

/**
 * The edit's own guarantee, checked on every call: the output parses, the edited entry holds
 * exactly what was asked and passes the route schema, and every other entry is unchanged.
 * A failure here is a bug in the splicing, reported instead of written.
 */
export function verifyEdit(before: string, after: string, id: string, expected: Record<string, unknown>): void {
  const doc = parseDocument(after, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new CatalogError(`catalog edit produced invalid YAML for route "${id}": ${doc.errors[0]?.message ?? ""}`);
  const entriesAfter = entries(doc.toJS());
  const entriesBefore = entries(parseDocument(before).toJS());
  const edited = entriesAfter.find((e) => e.id === id);
  if (!edited || canonical(edited) !== canonical(expected)) {
    throw new CatalogError(`catalog edit did not produce the expected entry for route "${id}"`);
  }
  const checked = RouteSchema.safeParse(edited);
  if (!checked.success) throw new CatalogError(`catalog edit produced an invalid route "${id}"`, { cause: checked.error });
  const others = (list: Record<string, unknown>[]): string => JSON.stringify(list.filter((e) => e.id !== id));
  if (others(entriesAfter) !== others(entriesBefore)) throw new CatalogError(`catalog edit for route "${id}" changed other entries`);
}

function entries(value: unknown): Record<string, unknown>[] {
  const routes = (value as { routes?: unknown } | null)?.routes;
  return Array.isArray(routes) ? (routes as Record<string, unknown>[]) : [];
}

/** JSON with object keys sorted: key order is the file's business, not part of the value. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
