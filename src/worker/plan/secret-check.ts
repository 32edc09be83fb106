import type { SecretFinding, SecretScanner } from "../../domain/secrets.ts";
import { redact } from "../../domain/secrets.ts";
import { normalizeForScan } from "../../policy/secrets/index.ts";

/**
 * Scans the normalised form of a text (invisible characters removed, homoglyphs folded), because
 * that is what a reader effectively receives: a key split by zero-width spaces is still a key.
 */
export async function findSecrets(scanner: SecretScanner, text: string): Promise<SecretFinding[]> {
  return scanner.scan(normalizeForScan(text));
}

/** The normalised text with every finding replaced by the redaction marker. */
export async function redactSecrets(scanner: SecretScanner, text: string): Promise<string> {
  const normalized = normalizeForScan(text);
  return redact(normalized, await scanner.scan(normalized));
}

export function ruleNames(findings: readonly SecretFinding[]): string {
  return [...new Set(findings.map((f) => f.rule))].join(", ");
}
