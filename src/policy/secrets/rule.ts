import type { SecretFinding } from "../../domain/secrets.ts";

/**
 * One of our own rules: a global regex (with the `d` flag when it has a `v` group) and an
 * optional check on the match. The reported span is the `v` group when the pattern has one (the
 * value, so a redaction keeps the surrounding words), else the whole match.
 */
export interface WardenRule {
  /** Reported as `warden/<name>`. */
  name: string;
  pattern: RegExp;
  /** Cheap necessary condition; when false the pattern cannot match and is not run. */
  hint?: RegExp;
  accept?: (match: RegExpExecArray) => boolean;
}

export function runRules(rules: readonly WardenRule[], text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const rule of rules) {
    if (rule.hint && !rule.hint.test(text)) continue;
    const pattern = rule.pattern;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (rule.accept && !rule.accept(m)) continue;
      const [start, end] = valueSpan(m);
      if (end > start) out.push({ rule: `warden/${rule.name}`, start, end });
    }
  }
  return out;
}

function valueSpan(m: RegExpExecArray): [number, number] {
  const groups = m.indices?.groups;
  const span = groups?.v ?? groups?.qv;
  return span ?? [m.index, m.index + m[0].length];
}
