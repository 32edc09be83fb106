import type { SecretScanner } from "../../domain/secrets.ts";
import { redact } from "../../domain/secrets.ts";

/**
 * The scanner matches on a normalised copy (invisible characters removed, look-alikes folded:
 * a key split by zero-width spaces is still a key) and reports positions in the text it was
 * given, so redaction works on the original text.
 */
export async function redactSecrets(scanner: SecretScanner, text: string): Promise<string> {
  return redact(text, await scanner.scan(text));
}
