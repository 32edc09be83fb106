import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSecretScanner, secretlintMayMatch } from "../../../src/policy/secrets/index.ts";
import { scanWithSecretlint } from "../../../src/policy/secrets/secretlint-scan.ts";
import { messageArb } from "./arbitraries.ts";

const withPrefilter = createSecretScanner();
const fullScan = createSecretScanner({ prefilter: false });

describe("secretlint prefilter", () => {
  it("never skips a text on which secretlint reports something", async () => {
    let reported = 0;
    let skipped = 0;
    await fc.assert(
      fc.asyncProperty(messageArb, async (text) => {
        const findings = await scanWithSecretlint(text);
        if (findings.length > 0) reported++;
        if (!secretlintMayMatch(text)) {
          skipped++;
          expect(findings).toEqual([]);
        }
      }),
      { numRuns: 600 },
    );
    // The generators must exercise both sides, or the property proves nothing.
    expect(reported).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThan(30);
  });

  it("gives the same findings as the full scan", async () => {
    await fc.assert(
      fc.asyncProperty(messageArb, async (text) => {
        expect(await withPrefilter.scan(text)).toEqual(await fullScan.scan(text));
      }),
      { numRuns: 600 },
    );
  });

  it("keeps the detections that are inside a secretlint-disable block", async () => {
    const token = "gh" + "p_" + "Ab1".repeat(12);
    const text = `<!-- secretlint-disable -->\n${token}\n<!-- secretlint-enable -->`;
    expect((await withPrefilter.scan(text)).map((f) => f.rule)).toContain("@secretlint/secretlint-rule-github");
  });
});

describe("secretlint as a library in a long-running process", () => {
  it("leaves no performance marks behind (its profiler would grow and slow down forever)", async () => {
    const { performance } = await import("node:perf_hooks");
    const before = performance.getEntriesByType("mark").length;
    for (let i = 0; i < 5; i++) await scanWithSecretlint(`postgres://app:S3cr3t${i}@db.internal/x`);
    expect(performance.getEntriesByType("mark").length).toBe(before);
  });
});
