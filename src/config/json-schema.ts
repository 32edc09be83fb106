import { z } from "zod";
import { ConfigSchema } from "./schema.ts";

/** Where the editor schema is checked in, beside the config it describes. */
export const CONFIG_SCHEMA_PATH = ".github/ops-warden.schema.json";

/**
 * The JSON Schema of `.github/ops-warden.yml`, generated from the zod schema so editors (through
 * the `# yaml-language-server: $schema=` line) complain about exactly what the loader rejects.
 * `io: "input"` describes what a person writes: keys with defaults are optional.
 */
export function renderConfigJsonSchema(): string {
  const schema = z.toJSONSchema(ConfigSchema, { io: "input", target: "draft-2020-12" });
  const described = { ...schema, title: "ops-warden configuration (.github/ops-warden.yml)" };
  return `${JSON.stringify(described, null, 2)}\n`;
}
