// Regenerates .github/ops-warden.schema.json from the zod config schema: `npm run config-schema`.
// A test fails while the checked-in file is stale.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CONFIG_SCHEMA_PATH, renderConfigJsonSchema } from "../src/config/json-schema.ts";

const root = join(import.meta.dirname, "..");
await writeFile(join(root, CONFIG_SCHEMA_PATH), renderConfigJsonSchema());
console.log(`wrote ${CONFIG_SCHEMA_PATH}`);
