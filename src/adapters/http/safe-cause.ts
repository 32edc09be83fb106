import { redactKnownValues } from "../../domain/secrets.ts";

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
  return new Error(redactKnownValues(parts.join(" <- "), secrets).slice(0, 500));
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
