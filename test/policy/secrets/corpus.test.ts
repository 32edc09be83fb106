import { describe, expect, it } from "vitest";
import { redact } from "../../../src/domain/secrets.ts";
import { createSecretScanner } from "../../../src/policy/secrets/index.ts";
import { NEGATIVES, POSITIVES } from "../../fixtures/secrets/corpus.ts";

const scanner = createSecretScanner();
const fullScanner = createSecretScanner({ prefilter: false });

describe("secret corpus", () => {
  it("has at least 40 positives and 40 negatives", () => {
    expect(POSITIVES.length).toBeGreaterThanOrEqual(40);
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(POSITIVES.map((p) => [p.name, p] as const))("finds %s", async (_name, p) => {
    const findings = await scanner.scan(p.text);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining([expect.toSatisfy((r: string) => p.rules.includes(r))]));
    const redacted = redact(p.text, findings);
    expect(redacted.includes(p.secret)).toBe(false);
    // Redaction leaves nothing a second scan would report.
    expect(await scanner.scan(redacted)).toEqual([]);
    expect(await fullScanner.scan(p.text)).toEqual(findings);
  });

  it.each(NEGATIVES.map((n) => [n] as const))("leaves ordinary prose alone: %s", async (text) => {
    expect(await scanner.scan(text)).toEqual([]);
    expect(await fullScanner.scan(text)).toEqual([]);
  });
});
