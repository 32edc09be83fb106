/**
 * secretlint's recommended preset, run as a library on an in-memory string.
 * The config is built once at module load and shared by every scan.
 */
import { lintSource } from "@secretlint/core";
import { secretLintProfiler } from "@secretlint/profiler";
import { creator as recommendedPreset } from "@secretlint/secretlint-rule-preset-recommend";
import type { SecretFinding } from "../../domain/secrets.ts";

/** Taken from lintSource itself: @secretlint/types is not a direct dependency. */
type SecretLintCoreConfig = Parameters<typeof lintSource>[0]["options"]["config"];

/**
 * The preset's rules minus `filter-comments`: that rule lets the scanned text switch scanning off
 * with a `secretlint-disable` comment. Our input is untrusted (inbound messages, brain output), so
 * a message must never be able to silence its own scan. The rules are registered one by one
 * because core 12.0.0 ignores `disabled` on a rule inside a preset.
 */
const SELF_SILENCING_RULE = "@secretlint/secretlint-rule-filter-comments";
const CONFIG: SecretLintCoreConfig = {
  rules: recommendedPreset.rules
    .filter((rule) => rule.meta.id !== SELF_SILENCING_RULE)
    .map((rule) => ({ id: rule.meta.id, rule })),
};

/**
 * secretlint's core always records a `performance.mark` per rule per scan, and its profiler keeps
 * every mark and answers each `::end` mark with a linear search over all earlier ones. In a long
 * running worker that is a leak and a quadratic slowdown (measured: 400 scans took 5 s at first
 * and 65 s after 2,000 scans). We never read the profile, so marks become no-ops.
 * (@secretlint/profiler is @secretlint/core's exact-pinned dependency, 12.0.0.)
 */
secretLintProfiler.mark = () => {};

/** Runs every rule of the preset; returns positions only (values are masked in its messages too). */
export async function scanWithSecretlint(text: string): Promise<SecretFinding[]> {
  const result = await lintSource({
    // No extension: the text is not a file, so file-type-gated rules (gcp) stay inert.
    source: { content: text, filePath: "message", contentType: "text" },
    options: { config: CONFIG, noPhysicFilePath: true, maskSecrets: true },
  });
  return result.messages.map((m) => ({ rule: m.ruleId, start: m.range[0], end: m.range[1] }));
}
