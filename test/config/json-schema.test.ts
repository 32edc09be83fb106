import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA_PATH, renderConfigJsonSchema } from "../../src/config/json-schema.ts";
import { CONFIG_PATH } from "../../src/config/load.ts";

const root = join(import.meta.dirname, "..", "..");

describe("config JSON Schema for editors", () => {
  it("the checked-in schema matches the zod schema (regenerate with `npm run config-schema`)", () => {
    expect(readFileSync(join(root, CONFIG_SCHEMA_PATH), "utf8")).toBe(renderConfigJsonSchema());
  });

  it("the shipped config points editors at it", () => {
    const first = readFileSync(join(root, CONFIG_PATH), "utf8").split("\n")[0];
    expect(first).toBe("# yaml-language-server: $schema=./ops-warden.schema.json");
  });

  it("rejects unknown keys and offers every rollout mode, like the loader", () => {
    const schema = JSON.parse(renderConfigJsonSchema()) as {
      additionalProperties: boolean;
      required?: string[];
      properties: Record<string, { enum?: string[]; additionalProperties?: boolean }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties.mode?.enum).toEqual(["dry-run", "manual", "scheduled"]);
    expect(schema.properties.limits?.additionalProperties).toBe(false);
  });
});
