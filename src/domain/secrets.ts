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

/** Replaces every finding in `text` with a fixed marker; overlapping findings are merged. */
export function redact(text: string, findings: readonly SecretFinding[]): string {
  if (findings.length === 0) return text;
  const spans = [...findings].sort((a, b) => a.start - b.start);
  let out = "";
  let cursor = 0;
  for (const { start, end } of spans) {
    if (end <= cursor) continue;
    out += text.slice(cursor, Math.max(cursor, start)) + REDACTED;
    cursor = Math.max(cursor, end);
  }
  return out + text.slice(cursor);
}
