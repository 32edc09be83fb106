import type { SecretScanner } from "../domain/secrets.ts";
import type { CatalogProblem } from "./problems.ts";
import { error } from "./problems.ts";
import { lineOfOffset } from "./files.ts";

/**
 * The catalog is public to every asker and lands in PRs: a secret value in it is an incident.
 * A hit names the file, line and rule, and never the value (not even a prefix of it).
 */
export async function scanForSecrets(file: string, text: string, scanner: SecretScanner): Promise<CatalogProblem[]> {
  const findings = await scanner.scan(text);
  const lines = new Map<number, Set<string>>();
  for (const finding of findings) {
    const line = lineOfOffset(text, finding.start);
    const rules = lines.get(line) ?? new Set<string>();
    rules.add(finding.rule);
    lines.set(line, rules);
  }
  return [...lines].map(([line, rules]) =>
    error(file, `possible secret value (${[...rules].sort().join(", ")}); remove it and rotate it: catalog and playbook files must never hold secrets`, { line }),
  );
}
