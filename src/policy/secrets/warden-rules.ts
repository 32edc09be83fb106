/**
 * Our own rules, for what secretlint's recommended preset does not flag. Each rule is a global
 * regex plus an optional check on the match; the reported span is the secret value (capture
 * group `v` when present, else the whole match) so redaction keeps the surrounding words.
 */
import type { SecretFinding } from "../../domain/secrets.ts";

interface WardenRule {
  name: string;
  pattern: RegExp;
  accept?: (value: string, match: RegExpExecArray) => boolean;
}

export const WARDEN_RULES: readonly WardenRule[] = [
  {
    name: "aws-access-key-id",
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  {
    name: "private-key",
    pattern: /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    name: "github-token",
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
  },
  {
    name: "slack-token",
    pattern: /(?<![A-Za-z0-9])xox[abposre]-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,}/g,
  },
  {
    name: "jwt",
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{6,}\.eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g,
  },
  {
    name: "vault-token",
    pattern: /(?<![A-Za-z0-9._-])(?:hv[sbr]\.[A-Za-z0-9_-]{24,}|[sb]\.[A-Za-z0-9]{24}(?![A-Za-z0-9]))/g,
  },
];

export function scanWithWardenRules(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const rule of WARDEN_RULES) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
      const value = m.groups?.v ?? m[0];
      if (rule.accept && !rule.accept(value, m)) continue;
      const start = m.groups?.v === undefined ? m.index : m.index + m[0].indexOf(value);
      out.push({ rule: `warden/${rule.name}`, start, end: start + value.length });
    }
  }
  return out;
}
