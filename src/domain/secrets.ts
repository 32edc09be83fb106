/** A secret found in a piece of text. Positions are UTF-16 offsets into the scanned string. */
export interface SecretFinding {
  /** The rule that matched, e.g. `@secretlint/secretlint-rule-aws` or `warden/aws-access-key-id`. */
  rule: string;
  start: number;
  end: number;
}

/**
 * Scans text for secret values. Implementations must never return or log the value itself:
 * callers only get positions, so the only thing they can do with a hit is redact it.
 */
export interface SecretScanner {
  scan(text: string): Promise<SecretFinding[]>;
}

export const REDACTED = "[REDACTED]";

/** Replaces every finding in `text` with a fixed marker (`[REDACTED]` unless told); overlapping findings are merged. */
export function redact(text: string, findings: readonly SecretFinding[], marker: string = REDACTED): string {
  if (findings.length === 0) return text;
  const spans = [...findings].sort((a, b) => a.start - b.start);
  let out = "";
  let cursor = 0;
  for (const { start, end } of spans) {
    if (end <= cursor) continue;
    out += text.slice(cursor, Math.max(cursor, start)) + marker;
    cursor = Math.max(cursor, end);
  }
  return out + text.slice(cursor);
}

/** Environment variables whose values are credentials by their name. */
const SECRET_ENV_NAME = /(?:TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIALS?)$/i;

/** The credential values present in an environment (long enough to be told apart from words). */
export function secretValuesFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_ENV_NAME.test(name) && typeof value === "string" && value.length >= 8)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
}

/**
 * The last line of defence at every output sink: known credential values (from the environment,
 * or a service token a hostile server could echo back in an error) are replaced, whatever path
 * they took to get there. Values under four characters are skipped: they would blank out words.
 */
export function redactKnownValues(text: string, values: readonly (string | undefined)[]): string {
  let out = text;
  for (const value of values) if (value && value.length >= 4 && out.includes(value)) out = out.split(value).join(REDACTED);
  return out;
}
