import type { SecretFinding } from "../domain/secrets.ts";

/** The rules that found secrets, each once: reasons name the rule, never the value. */
export function ruleNames(findings: readonly SecretFinding[]): string {
  return [...new Set(findings.map((f) => f.rule))].join(", ");
}

/** A downgrade reason for text that would carry a secret, or undefined when the scan is clean. */
export async function secretIn(scanner: { scan(text: string): Promise<SecretFinding[]> }, text: string, what: string): Promise<string | undefined> {
  const findings = await scanner.scan(text);
  return findings.length === 0 ? undefined : `${what} (${ruleNames(findings)})`;
}
