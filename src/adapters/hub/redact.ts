import { REDACTED } from "../../domain/secrets.ts";

/**
 * Removes known secret values (the hub token) from text that is about to become an error message.
 * Defence in depth: we never put the token in a message ourselves, but a hostile or buggy hub can
 * echo it back in an error body.
 */
export function redactKnown(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** A cause safe to attach to a thrown error: its name, code and message, redacted; no headers, no stack of foreign objects. */
export function safeCause(error: unknown, secrets: readonly (string | undefined)[]): Error {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    parts.push(`${current.name}${typeof code === "string" ? ` ${code}` : ""}: ${current.message}`);
    current = current.cause;
  }
  if (parts.length === 0) parts.push(String(error));
  return new Error(redactKnown(parts.join(" <- "), secrets).slice(0, 500));
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
