import type { SecretFinding, SecretScanner } from "../domain/secrets.ts";

/**
 * Wraps a scanner so that the deployment's own credentials (the hub and GitHub tokens in the
 * environment) are findings too, whatever their shape: a message quoting the hub token is a
 * secret-bearing message even if the token looks like an ordinary word to every pattern.
 */
export function withKnownValues(scanner: SecretScanner, values: readonly string[]): SecretScanner {
  if (values.length === 0) return scanner;
  return {
    async scan(text: string): Promise<SecretFinding[]> {
      const findings = await scanner.scan(text);
      for (const value of values) {
        for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
          findings.push({ rule: "warden/known-credential", start: at, end: at + value.length });
        }
      }
      return findings.sort((a, b) => a.start - b.start);
    },
  };
}
