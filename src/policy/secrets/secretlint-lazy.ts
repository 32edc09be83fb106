import type { SecretFinding } from "../../domain/secrets.ts";
import type * as SecretlintScan from "./secretlint-scan.ts";

let loading: Promise<typeof SecretlintScan> | undefined;

/**
 * secretlint's preset, loaded on the first text the prefilter cannot clear: a `warden route` or a
 * tick of clean messages never pays for loading it. Same results as secretlint-scan.ts.
 */
export async function scanWithSecretlint(text: string): Promise<SecretFinding[]> {
  loading ??= import("./secretlint-scan.ts");
  return (await loading).scanWithSecretlint(text);
}
