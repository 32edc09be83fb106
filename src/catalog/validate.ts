import type { Catalog, Owner, Playbook, Route } from "../domain/catalog.ts";
import { memoByText } from "../domain/memo.ts";
import type { SecretScanner } from "../domain/secrets.ts";
import { answerChecks } from "./answer-checks.ts";
import { crossCheck } from "./checks.ts";
import type { CatalogFiles } from "./files.ts";
import { decodeCatalogFile, fileKind } from "./files.ts";
import type { Located } from "./parse-files.ts";
import { parseOwnersFile, parseRoutesFile } from "./parse-files.ts";
import { parsePlaybook } from "./playbook.ts";
import type { CatalogProblem } from "./problems.ts";
import { sortProblems, warning } from "./problems.ts";
import { scanForSecrets } from "./secret-scan.ts";
import { sshPolicyChecks } from "./ssh-checks.ts";
import { parseYamlSource } from "./yaml-source.ts";

/** Parses by text: validating the catalog with one change re-reads only the changed file. */
const routesOf = memoByText((path: string, text: string) => parseRoutesFile(parseYamlSource(path, text)));
const ownersOf = memoByText((path: string, text: string) => parseOwnersFile(parseYamlSource(path, text)));

export interface ValidateOptions {
  scanner: SecretScanner;
}

export interface ValidationResult {
  /** Every entry that passed its own schema; cross-file problems do not remove entries. */
  catalog: Catalog;
  /** Sorted by file and line; `severity: "error"` means the catalog must not be used. */
  problems: CatalogProblem[];
}

/**
 * Pure validation of catalog files held in memory (no file system): schema per file, then checks
 * across files, then a secret scan of every file. Reading the files is `readCatalogFiles`' job.
 */
export async function validateCatalogFiles(files: CatalogFiles, options: ValidateOptions): Promise<ValidationResult> {
  const problems: CatalogProblem[] = [];
  const owners: Located<Owner>[] = [];
  const routes: Located<Route>[] = [];
  const playbooks: Located<Playbook>[] = [];
  const playbookFiles = new Set<string>();
  const invalid = { routes: new Set<string>(), owners: new Set<string>() };
  const scans: Promise<CatalogProblem[]>[] = [];
  let hasOwnersFile = false;

  for (const path of [...files.keys()].sort()) {
    const kind = fileKind(path);
    if (kind === "other") {
      problems.push(warning(path, "not a catalog file (catalog/*.yaml or playbooks/*.md); ignored"));
      continue;
    }
    const decoded = decodeCatalogFile(path, files.get(path) ?? "");
    scans.push(scanForSecrets(path, decoded.text, options.scanner));
    if (kind === "playbook") playbookFiles.add(path);
    if (kind === "owners") hasOwnersFile = true;
    if (decoded.problem) {
      problems.push(decoded.problem);
      continue;
    }
    if (kind === "playbook") {
      const parsed = parsePlaybook(path, decoded.text);
      problems.push(...parsed.problems);
      if (parsed.playbook) playbooks.push(parsed.playbook);
    } else if (kind === "owners") {
      const parsed = ownersOf(path, decoded.text);
      problems.push(...parsed.problems);
      owners.push(...parsed.entries);
      for (const id of parsed.invalidIds) invalid.owners.add(id);
    } else {
      const parsed = routesOf(path, decoded.text);
      problems.push(...parsed.problems);
      routes.push(...parsed.entries);
      for (const id of parsed.invalidIds) invalid.routes.add(id);
    }
  }

  problems.push(...crossCheck({ owners, routes, playbooks, playbookFiles, hasOwnersFile, invalid }));
  problems.push(...answerChecks(routes, playbooks, owners));
  problems.push(...sshPolicyChecks(routes));
  for (const found of await Promise.all(scans)) problems.push(...found);

  return {
    catalog: { routes: routes.map((r) => r.value), owners: owners.map((o) => o.value), playbooks: playbooks.map((p) => p.value) },
    problems: sortProblems(problems),
  };
}
