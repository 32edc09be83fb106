/**
 * The no-secret gate (ARCHITECTURE §2, guardrail 4): finds secret values in text and recognises
 * messages that ask for one. Pure: no I/O, findings carry positions only, never the value.
 */
import type { SecretFinding, SecretScanner } from "../../domain/secrets.ts";
import { scanWithSecretlint } from "./secretlint-scan.ts";
import { scanWithWardenRules } from "./warden-rules.ts";
import { mergeFindings } from "./merge.ts";

export interface SecretScannerOptions {
  /** Skip secretlint when the prefilter proves none of its rules can match. Default true. */
  prefilter?: boolean;
}

export function createSecretScanner(_options: SecretScannerOptions = {}): SecretScanner {
  return {
    async scan(text: string): Promise<SecretFinding[]> {
      const fromSecretlint = await scanWithSecretlint(text);
      return mergeFindings([...fromSecretlint, ...scanWithWardenRules(text)]);
    },
  };
}

export { detectSecretRequest } from "./secret-request.ts";
export type { SecretRequest } from "./secret-request.ts";
export { normalizeForScan } from "./normalize.ts";
