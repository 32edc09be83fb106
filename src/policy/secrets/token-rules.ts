/**
 * Secrets recognisable by their shape alone. secretlint's preset covers some of these formats
 * only partly (exact lengths, the AWS id scan is off by default), so we check them all ourselves.
 */
import type { WardenRule } from "./rule.ts";

export const TOKEN_RULES: readonly WardenRule[] = [
  {
    // A bare access key id is not flagged by secretlint's default config; AKIA = long-term, ASIA = STS.
    name: "aws-access-key-id",
    hint: /A[A-Z0-9]{3}[A-Z0-9]{16}/,
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  {
    // Classic tokens of any plausible length (secretlint only takes exactly 36) and fine-grained PATs.
    name: "github-token",
    hint: /gh[pousr]_|github_pat_/,
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
  },
  {
    name: "slack-token",
    // The webhook host is matched case-insensitively; spelled out so the hint needs no `i` flag.
    hint: /xox|xapp-|[Hh][Oo][Oo][Kk][Ss]\.[Ss][Ll][Aa][Cc][Kk]/,
    pattern:
      /(?<![A-Za-z0-9])(?:xox[abeoprs]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})|https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{16,}/gi,
  },
  {
    // header.payload.signature, both JSON objects base64url-encoded ("eyJ" = '{"').
    name: "jwt",
    hint: /eyJ/,
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  },
  {
    // OpenBao/Vault: hvs./hvb./hvr. (current) and s./b./r. + 24 base62 (legacy). The legacy form
    // must mix letters with digits or capitals, which random tokens do and words do not.
    name: "vault-token",
    hint: /\b(?:hv)?[sbr]\./,
    pattern: /(?<![A-Za-z0-9._/-])(?:hv[sbr]\.[A-Za-z0-9_-]{20,}|[sbr]\.[A-Za-z0-9]{24}(?![A-Za-z0-9]))/g,
    accept: (m) => m[0].startsWith("hv") || (/[a-z]/.test(m[0].slice(2)) && /[A-Z0-9]/.test(m[0].slice(2))),
  },
  {
    // Prefixed vendor keys the preset does not know: Stripe, Google API, PyPI, DigitalOcean.
    name: "vendor-token",
    hint: /_live_|_test_|AIza|pypi-|_v1_/,
    pattern:
      /(?<![A-Za-z0-9_])(?:[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|AIza[A-Za-z0-9_-]{35}|pypi-AgE[A-Za-z0-9_-]{40,}|do[opr]_v1_[a-f0-9]{64})(?![A-Za-z0-9_])/g,
  },
];

/**
 * The union of the rules' hints: one test lets a text without any token-shaped prefix skip all
 * of them. Hints carry no flags (a test checks this), so the union is exactly their disjunction;
 * a rule without a hint would make the gate always open.
 */
export const TOKEN_GATE = new RegExp(TOKEN_RULES.map((rule) => rule.hint?.source ?? "").join("|"));
