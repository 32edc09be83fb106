/**
 * The no-secret gate (ARCHITECTURE §2, guardrail 4): finds secret values in text and recognises
 * messages that ask for one. Pure: no I/O; findings carry positions only, never the value.
 *
 * A scan reads the text as a human would see it (invisible characters removed, look-alikes
 * folded, see normalize.ts) and reports positions in the ORIGINAL text, so `redact` from
 * domain/secrets.ts removes the disguised value together with its disguise.
 */
import type { SecretFinding, SecretScanner } from "../../domain/secrets.ts";
import { findHighEntropyTokens } from "./entropy.ts";
import { HEADER_GATE, HEADER_RULES } from "./keyword-rules.ts";
import { scanKeywordSecrets } from "./keyword-scan.ts";
import { mergeFindings } from "./merge.ts";
import { normalizeWithOffsets } from "./normalize.ts";
import { secretlintMayMatch } from "./prefilter.ts";
import { runRules } from "./rule.ts";
import { scanWithSecretlint } from "./secretlint-lazy.ts";
import { TOKEN_GATE, TOKEN_RULES } from "./token-rules.ts";
import { scanConnectionUrls } from "./connection-url.ts";
import { scanArmouredPrivateKeys } from "./pem-private-key.ts";
import { scanPrivateKeyBodies } from "./private-key-body.ts";
import { scanProsePasswords } from "./prose-passwords.ts";
import { scanSplitTokens } from "./split-tokens.ts";
import { withoutPublicKeyMaterial } from "../ssh-keys.ts";
import { loadWordModel } from "../words/word-model.ts";

export interface SecretScannerOptions {
  /**
   * Skip secretlint when the prefilter proves none of its rules can match (prefilter.ts).
   * Default true; false runs the full preset on every text (for tests and benchmarks).
   */
  prefilter?: boolean;
}

/**
 * Our own rules only (`warden/*`), synchronous and cheap; positions refer to `text` as given
 * (no normalization). `createSecretScanner` adds normalization and secretlint's preset.
 */
export function scanWithWardenRules(text: string): SecretFinding[] {
  const findings = TOKEN_GATE.test(text) ? runRules(TOKEN_RULES, text) : [];
  if (HEADER_GATE.test(text)) findings.push(...runRules(HEADER_RULES, text));
  findings.push(...scanKeywordSecrets(text), ...scanProsePasswords(text), ...findHighEntropyTokens(text));
  findings.push(...scanArmouredPrivateKeys(text), ...scanPrivateKeyBodies(text), ...scanConnectionUrls(text), ...scanSplitTokens(text));
  return findings;
}

/** Texts whose findings are remembered: a tick scans a message, then the same text again in what it renders. */
const REMEMBERED_TEXTS = 256;

export function createSecretScanner(options: SecretScannerOptions = {}): SecretScanner {
  const prefilter = options.prefilter ?? true;
  const remembered = new Map<string, Promise<SecretFinding[]>>();
  return {
    // Each text is scanned once: the same 64 KiB body is read by the inbound gate, the change
    // guard and the rendered proposal, and findings depend on the text alone.
    scan(text: string): Promise<SecretFinding[]> {
      const known = remembered.get(text);
      if (known) return known.then((findings) => findings.map((f) => ({ ...f })));
      // SSH public keys and certificates are public; their base64 can look like a split token.
      const findings = scanOnce(text, prefilter).then((found) => withoutPublicKeyMaterial(text, found));
      if (remembered.size >= REMEMBERED_TEXTS) remembered.delete(remembered.keys().next().value as string);
      remembered.set(text, findings);
      findings.catch(() => remembered.delete(text));
      return findings.then((found) => found.map((f) => ({ ...f })));
    },
  };
}

async function scanOnce(text: string, prefilter: boolean): Promise<SecretFinding[]> {
  // A value stated after a label is a secret when it is not a word: the word model must be there.
  await loadWordModel();
  const normalized = normalizeWithOffsets(text);
  const findings = scanWithWardenRules(normalized.text);
  if (!prefilter || secretlintMayMatch(normalized.text)) {
    findings.push(...(await scanWithSecretlint(normalized.text)));
  }
  if (findings.length === 0) return [];
  return mergeFindings(
    findings.map((f) => {
      const [start, end] = normalized.toOriginal(f.start, f.end);
      return { rule: f.rule, start, end };
    }),
  );
}
export { detectSecretRequest } from "./secret-request.ts";
export type { SecretRequest } from "./secret-request.ts";
export { normalizeForScan } from "./normalize.ts";
export { SECRETLINT_TRIGGERS, secretlintMayMatch } from "./prefilter.ts";
export { isHighEntropyToken, shannonEntropy } from "./entropy.ts";
