/**
 * Judgements on a candidate value found next to a secret keyword: is it a real-looking value,
 * or a placeholder, a reference to where the secret lives, or an ordinary English word?
 */
import { REDACTED } from "../../domain/secrets.ts";
import { isHighEntropyToken } from "./entropy.ts";

/** The redaction marker without its closing bracket, which trimming may have taken. */
export const REDACTION_START = REDACTED.slice(0, -1);

const PLACEHOLDER_WORDS = new Set([
  "password", "passwd", "pass", "pwd", "secret", "token", "apikey", "api_key", "key", "value", "none", "null",
  "nil", "undefined", "empty", "redacted", "masked", "hidden", "omitted", "removed", "example", "sample",
  "placeholder", "dummy", "your_password", "yourpassword", "your_token", "your-token", "mypassword",
  "mysecret", "required", "optional", "true", "false", "yes", "no", "n/a", "tbd", "todo", "unset",
]);

/** `$VAR`, `${VAR}`, `%VAR%`, `{{ x }}`, `<x>`, `[x]`, `(x)`, `***`, `xxxx`, `…`: not a value. */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  // What a redaction left: scanning redacted text again must find nothing new.
  if (value.includes(REDACTION_START)) return true;
  // Bracketed forms wrap placeholders; `$`, `%`, `*` and `.` only when the whole value has a
  // placeholder's shape, since a real password may well start with one of them.
  if (/^[<[{(]/.test(value)) return true;
  if (/^\$[A-Za-z_{(]/.test(value) || /^%[A-Za-z_]+%?$/.test(value) || /^[*.…]+$/.test(value) || /^…/.test(value)) return true;
  if (/\$\{|\{\{|%[A-Z_]+%|\$\(|^process\.env\.|^env\./.test(value)) return true;
  if (/^(.)\1*$/.test(value)) return true;
  if (/^x{3,}$/i.test(value) || /^(?:x+[-_]?)+$/i.test(value)) return true;
  return PLACEHOLDER_WORDS.has(value.toLowerCase());
}

/** Where a secret lives, not the secret: URLs, vault paths, env var names, file paths. */
export function isReference(value: string): boolean {
  if (value.includes("://")) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true;
  if (/^(?:~|\.{1,2})?\/|^[\w.-]+(?:\/[\w.-]+)+\/?$/.test(value) && !/[+=]/.test(value)) return /[a-z]{2}/i.test(value) && isWordy(value);
  return false;
}

/** A name made of words: `billing-db-creds`, `Billing_DB`, `kv/billing/prod`, `v2`. */
export function isWordy(value: string): boolean {
  const parts = value.split(/[-_./:@~]+/).filter((part) => part !== "");
  return parts.length > 0 && parts.every((part) => /^(?:[a-z]+|[A-Z][a-z]*|[A-Z]+|\d+)$/.test(part));
}

/** Versions and quantities: `1.24.3`, `v2.0.1-rc1`, `90d`, `3600s`, `16chars`. */
function isVersionOrQuantity(value: string): boolean {
  return /^v?\d+(?:\.\d+)+(?:[-+][\w.]+)?$/i.test(value) || /^\d+(?:[a-z]{1,7})$/i.test(value);
}

/**
 * Looks like a password rather than a word: a digit, a symbol, or mixed case past the first
 * letter (`hunter2`, `S3cret!`, `hUnTeR`), or a random-looking token.
 */
export function isPasswordLike(value: string): boolean {
  if (isVersionOrQuantity(value)) return false;
  if (/\d/.test(value) && /\D/.test(value)) return true;
  if (/^\d{6,}$/.test(value)) return true;
  if (/[^A-Za-z0-9]/.test(value) && !isWordy(value)) return true;
  if (/^.+[A-Z]/.test(value) && /[a-z]/.test(value) && !isWordy(value)) return true;
  return isHighEntropyToken(value);
}

/** Strips sentence punctuation that follows a value in prose ("the password is hunter2."). */
export function trimProse(value: string): string {
  return value.replace(/[.,;:)\]}>'"`]+$/, "");
}

/** `Basic <base64>` is a credential only if it decodes to printable `user:password`. */
export function decodesToUserPassword(base64: string): boolean {
  if (base64.length % 4 === 1) return false;
  const decoded = Buffer.from(base64, "base64").toString("latin1");
  const colon = decoded.indexOf(":");
  return colon > 0 && colon < decoded.length - 1 && /^[\x20-\x7E]+$/.test(decoded);
}
