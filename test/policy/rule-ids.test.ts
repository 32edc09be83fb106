import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../src/policy/verdict.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";

/** Rule ids docs/guardrails.md names: the first column of its rule table and the inbound gate's "rule `id`". */
function documentedRules(markdown: string): string[] {
  const inTable = markdown
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`([a-z-]+)`/g)].map((m) => m[1] as string));
  const inText = [...markdown.matchAll(/\brule `([a-z-]+)`/g)].map((m) => m[1] as string);
  return [...new Set([...inTable, ...inText])].sort();
}

describe("rule ids", () => {
  it("are exactly the ones docs/guardrails.md documents", async () => {
    const markdown = await readFile(join(REPO_ROOT, "docs", "guardrails.md"), "utf8");
    expect(documentedRules(markdown)).toEqual([...RULE_IDS].sort());
  });
});
