/**
 * Credentials recognisable by the syntax around them: an Authorization header, a bearer or
 * basic credential, a URL's user-info, a mysql `-p` argument. Keyword-anchored values
 * (`password=…`, "the password is …") are in keyword-scan.ts.
 */
import type { WardenRule } from "./rule.ts";
import { decodesToUserPassword, isPlaceholder } from "./value-checks.ts";

const AUTH_SCHEMES = /^(?:bearer|basic|token|bot|apikey|api-key|digest|negotiate|ssws)$/i;

export const HEADER_RULES: readonly WardenRule[] = [
  {
    name: "authorization-header",
    hint: /authorization/i,
    pattern:
      /\bAuthorization["']?\s*[:=]\s*["']?(?:(?:Bearer|Basic|Token|Bot|ApiKey|Api-Key|Digest|Negotiate|SSWS)\s+)?(?<v>[A-Za-z0-9._~+/:=-]{6,})/dgi,
    // Without the scheme group the scheme word itself is captured ("Bearer <token>"): not a value.
    accept: (m) => !AUTH_SCHEMES.test(m.groups?.v ?? "") && !isPlaceholder(m.groups?.v ?? ""),
  },
  {
    // "Bearer tokens expire" is prose; a bearer credential mixes letters and digits.
    name: "bearer-token",
    hint: /bearer/i,
    pattern: /\bBearer\s+(?<v>[A-Za-z0-9._~+/-]{12,}=*)/dgi,
    accept: (m) => /\d/.test(m.groups?.v ?? "") && /[A-Za-z]/.test(m.groups?.v ?? "") && !isPlaceholder(m.groups?.v ?? ""),
  },
  {
    // `Basic <base64 of user:password>` and `curl -u user:password` (only the password reported).
    name: "basic-credential",
    hint: /basic|-u\b|--user\b/i,
    pattern: /\bBasic\s+(?<v>[A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])|(?:^|\s)(?:-u|--user)[\s=]+["']?[^\s:"']+:(?<qv>[^\s"']+)/dgi,
    accept: (m) => (m.groups?.v !== undefined ? decodesToUserPassword(m.groups.v) : !isPlaceholder(m.groups?.qv ?? "")),
  },
  {
    // scheme://user:password@host for any scheme (postgres, mysql, mongodb+srv, redis, amqp, jdbc,
    // https …). Reported from the scheme through the `@`, so no `user:…@` shape is left behind
    // for a later scan to find again.
    name: "connection-string",
    hint: /:\/\/[^\s:/?#]*:[^\s/?#]*@/,
    pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/[^\s:/?#]*:(?<pw>[^\s/?#]+)@/dg,
    accept: (m) => !isPlaceholder(m.groups?.pw ?? ""),
  },
  {
    name: "password-in-text",
    hint: /mysql|mariadb/i,
    pattern: /\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]{0,200}?\s-p(?<v>[^\s"'-][^\s"']*)/dgi,
    accept: (m) => !isPlaceholder(m.groups?.v ?? ""),
  },
];

/** One case-insensitive test in front of all header rules (their hints' union; a test checks it). */
export const HEADER_GATE = new RegExp(HEADER_RULES.map((rule) => rule.hint?.source ?? "").join("|"), "i");
