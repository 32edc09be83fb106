import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../domain/errors.ts";
import { parseConfigOrThrow } from "./parse.ts";
import type { WardenConfig } from "./schema.ts";
import { DEFAULT_CONFIG } from "./schema.ts";

export const CONFIG_PATH = ".github/ops-warden.yml";

export interface LoadedConfig {
  config: WardenConfig;
  /** The file the config came from, or undefined when none exists and defaults apply. */
  source: string | undefined;
}

/** Reads the config from `file`, or from `<root>/.github/ops-warden.yml`; absent → defaults. */
export async function loadConfig(root: string, file?: string): Promise<LoadedConfig> {
  const path = file ?? join(root, CONFIG_PATH);
  const shown = file ?? CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (!file && (error as NodeJS.ErrnoException).code === "ENOENT") return { config: DEFAULT_CONFIG, source: undefined };
    throw new ConfigError(`cannot read config ${shown}: ${(error as Error).message}`, { cause: error });
  }
  return { config: parseConfigOrThrow(shown, text), source: shown };
}
