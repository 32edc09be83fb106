import type { SecretScanner } from "../domain/secrets.ts";
import type { CatalogFiles } from "./files.ts";
import { formatProblem } from "./problems.ts";
import { validateCatalogFiles } from "./validate.ts";

/**
 * `catalog validate` over a whole tree (say, a branch with a proposed change applied): the
 * errors as printable lines, empty when the tree may be proposed. Warnings do not block.
 */
export async function catalogTreeErrors(files: CatalogFiles, scanner: SecretScanner): Promise<string[]> {
  const { problems } = await validateCatalogFiles(files, { scanner });
  return problems.filter((p) => p.severity === "error").map(formatProblem);
}
