import type { SecretScanner } from "../domain/secrets.ts";
import type { CatalogEdit, CatalogWorkspace, FileChange } from "../domain/workspace.ts";
import type { CatalogFiles } from "./files.ts";
import { decodeCatalogFile } from "./files.ts";
import { formatProblem } from "./problems.ts";
import { validateCatalogFiles } from "./validate.ts";
import { applyCatalogEdit, catalogFileFor } from "./yaml-edit.ts";

/**
 * The catalog files of the default branch, as the planner may change them. Every operation is
 * pure over the in-memory files: nothing here writes; a proposal becomes a file on a branch only
 * when the executor runs it.
 */
export function createCatalogWorkspace(files: CatalogFiles, scanner: SecretScanner): CatalogWorkspace {
  const text = (path: string): string | undefined => {
    const content = files.get(path);
    return content === undefined ? undefined : decodeCatalogFile(path, content).text;
  };
  return {
    fileText: text,
    applyEdit(edit: CatalogEdit): FileChange {
      const file = catalogFileFor(files, edit);
      const before = text(file) ?? "";
      return { file, before, after: applyCatalogEdit(before, edit) };
    },
    async validateWith(changes: ReadonlyMap<string, string>): Promise<string[]> {
      const merged = new Map<string, string | Uint8Array>(files);
      for (const [path, content] of changes) merged.set(path, content);
      const { problems } = await validateCatalogFiles(merged, { scanner });
      return problems.filter((p) => p.severity === "error").map(formatProblem);
    },
  };
}
