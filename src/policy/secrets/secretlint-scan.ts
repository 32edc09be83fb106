/**
 * secretlint's recommended preset, run as a library on an in-memory string.
 * The config is built once at module load and shared by every scan.
 */
import { lintSource } from "@secretlint/core";
import { creator as recommendedPreset } from "@secretlint/secretlint-rule-preset-recommend";
import type { SecretFinding } from "../../domain/secrets.ts";

/** Taken from lintSource itself: @secretlint/types is not a direct dependency. */
type SecretLintCoreConfig = Parameters<typeof lintSource>[0]["options"]["config"];

/**
 * The preset minus `filter-comments`: that rule lets the scanned text switch scanning off with a
 * `secretlint-disable` comment. Our input is untrusted (inbound messages, brain output), so a
 * message must never be able to silence its own scan.
 */
const CONFIG: SecretLintCoreConfig = {
  rules: [
    {
      id: recommendedPreset.meta.id,
      rule: recommendedPreset,
      rules: [{ id: "@secretlint/secretlint-rule-filter-comments", disabled: true }],
    },
  ],
};

/** Runs every rule of the preset; returns positions only (values are masked in its messages too). */
export async function scanWithSecretlint(text: string): Promise<SecretFinding[]> {
  const result = await lintSource({
    // No extension: the text is not a file, so file-type-gated rules (gcp) stay inert.
    source: { content: text, filePath: "message", contentType: "text" },
    options: { config: CONFIG, noPhysicFilePath: true, maskSecrets: true },
  });
  return result.messages.map((m) => ({ rule: m.ruleId, start: m.range[0], end: m.range[1] }));
}
