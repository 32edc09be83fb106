/**
 * `scheme://user:password@host` read the way a driver reads it, not with a character class: the
 * user-info ends at the LAST `@` of the URL token, so a password holding an unencoded `/`, `@`,
 * `#` or `?` is still the password, and what follows must parse as a URL host (WHATWG URL).
 * Reported from the scheme through the `@`, so no `user:…@` shape is left for a later scan.
 */
import type { SecretFinding } from "../../domain/secrets.ts";
import { isPlaceholder } from "./value-checks.ts";

const SCHEME_SEPARATOR = "://";
/** A URL token ends at whitespace, a quote or an angle bracket; read at most this far. */
const MAX_TOKEN = 2048;
const TOKEN_END = /[\s"'<>`]/;
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;

export function scanConnectionUrls(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  let resume = 0;
  for (let at = text.indexOf(SCHEME_SEPARATOR); at >= 0; at = text.indexOf(SCHEME_SEPARATOR, at + SCHEME_SEPARATOR.length)) {
    if (at < resume) continue;
    const scheme = schemeStart(text, at);
    if (scheme === undefined) continue;
    const tokenEnd = endOfToken(text, at + SCHEME_SEPARATOR.length);
    const token = text.slice(at + SCHEME_SEPARATOR.length, tokenEnd);
    const lastAt = token.lastIndexOf("@");
    if (lastAt <= 0) continue;
    const userInfo = token.slice(0, lastAt);
    const colon = userInfo.indexOf(":");
    if (colon < 0 || colon === userInfo.length - 1) continue;
    const password = userInfo.slice(colon + 1);
    // `host:8443/users/@alice` is a port and a path, not user-info.
    if (userInfo.slice(0, colon).includes("/") || /^\d{1,5}(?:[/?#]|$)/.test(password)) continue;
    if (isPlaceholder(password) || !hasHost(token.slice(lastAt + 1))) continue;
    const end = at + SCHEME_SEPARATOR.length + lastAt + 1;
    out.push({ rule: "warden/connection-string", start: scheme, end });
    resume = end;
  }
  return out;
}

function schemeStart(text: string, separator: number): number | undefined {
  let start = separator;
  while (start > 0 && separator - start < 32 && SCHEME_CHAR.test(text[start - 1] ?? "")) start--;
  // A scheme starts with a letter.
  while (start < separator && !/[A-Za-z]/.test(text[start] ?? "")) start++;
  return start < separator ? start : undefined;
}

function endOfToken(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_TOKEN);
  for (let i = from; i < limit; i++) if (TOKEN_END.test(text[i] as string)) return i;
  return limit;
}

/** What follows the user-info names a host: `db.internal:5432/x`, `[::1]`, `cluster0.example.net`. */
function hasHost(rest: string): boolean {
  try {
    return new URL(`https://${rest}`).hostname.length > 0;
  } catch {
    return false;
  }
}
