import type { Catalog } from "../domain/catalog.ts";
import { CatalogError } from "../domain/errors.ts";
import type { CatalogProblem } from "./problems.ts";
import { countErrors, formatProblem } from "./problems.ts";
import { readCatalogFiles } from "./read-files.ts";
import type { ValidateOptions } from "./validate.ts";
import { validateCatalogFiles } from "./validate.ts";

/** Reads and validates the catalog under `root`; any error → a CatalogError that lists them. */
export async function loadCatalog(root: string, options: ValidateOptions): Promise<Catalog> {
  const files = await readCatalogFiles(root);
  const { catalog, problems } = await validateCatalogFiles(files, options);
  assertNoErrors(problems);
  return catalog;
}

/** Throws a CatalogError naming every error (warnings do not block). */
export function assertNoErrors(problems: readonly CatalogProblem[]): void {
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length === 0) return;
  const count = countErrors(problems);
  const listed = errors.map((p) => `  ${formatProblem(p)}`).join("\n");
  throw new CatalogError(`catalog is invalid (${count} error${count === 1 ? "" : "s"}; run \`warden catalog validate\`):\n${listed}`);
}
