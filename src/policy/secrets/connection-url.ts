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
  // Separators in one URL token share its end, its last `@` and its host: each is read once per
  // token, so a token of nothing but `://` costs a constant per separator.
  let token: TokenFacts | undefined;
  const nextColon = forwardFinder(text, ":");
  const nextSlash = forwardFinder(text, "/");
  const nextAt = forwardFinder(text, "@");
  for (let at = text.indexOf(SCHEME_SEPARATOR); at >= 0; at = text.indexOf(SCHEME_SEPARATOR, at + SCHEME_SEPARATOR.length)) {
    if (at < resume) continue;
    const scheme = schemeStart(text, at);
    if (scheme === undefined) continue;
    const from = at + SCHEME_SEPARATOR.length;
    if (!token || from >= token.end || from + MAX_TOKEN < token.end) token = readToken(text, from, nextAt(from));
    const lastAt = token.lastAt;
    if (lastAt <= from) continue;
    const colon = nextColon(from);
    if (colon < 0 || colon >= lastAt - 1) continue;
    // `host.example:8443/users/@alice` is a host, a port and a path, not user-info: digits after
    // the colon read as a port only when what precedes it names a host, not a user (`svc_app`).
    const slash = nextSlash(from);
    if (slash >= 0 && slash < colon) continue;
    if (PORT.test(text.slice(colon + 1, colon + 8)) && HOST_LIKE.test(text.slice(from, colon))) continue;
    if (isPlaceholder(text.slice(colon + 1, lastAt)) || !token.hasHost()) continue;
    const end = lastAt + 1;
    out.push({ rule: "warden/connection-string", start: scheme, end });
    resume = end;
  }
  return out;
}

const PORT = /^\d{1,5}(?:[/?#@]|$)/;
const HOST_LIKE = /^(?:localhost|[^@:/]*\.[^@:/]*|\[[0-9a-f:.]+\])$/i;

/**
 * `text.indexOf(char, from)` for calls with non-decreasing `from`: the last answer is reused
 * while it still lies ahead, so all calls together read the text once.
 */
function forwardFinder(text: string, char: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || found >= from) return found;
    return (found = text.indexOf(char, from));
  };
}

interface TokenFacts {
  end: number;
  /** The last `@` of the token, or -1. */
  lastAt: number;
  /** What follows the last `@` names a host (computed once, on first need). */
  hasHost(): boolean;
}

/** `firstAt`: the first `@` at or after `from`, so a token without one is not searched backwards. */
function readToken(text: string, from: number, firstAt: number): TokenFacts {
  const end = endOfToken(text, from);
  const at = firstAt >= 0 && firstAt < end ? text.lastIndexOf("@", end - 1) : -1;
  let host: boolean | undefined;
  return { end, lastAt: at, hasHost: () => (host ??= at >= 0 && hasHost(text.slice(at + 1, end))) };
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
