import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact } from "../../../src/domain/secrets.ts";
import { createSecretScanner, normalizeForScan } from "../../../src/policy/secrets/index.ts";
import { normalizeWithOffsets } from "../../../src/policy/secrets/normalize.ts";
import { propertyRuns } from "../../support/property-runs.ts";

describe("normalizeForScan", () => {
  it.each([
    ["pass\u200bword", "password"],
    ["pa\u00ADss\u2060wo\uFEFFrd", "password"],
    ["\u0440\u0430ssw\u043Erd", "password"],
    ["\u03A4\u039F\u039A\u0395\u039D", "TOKEN"],
    ["ｐａｓｓｗｏｒｄ", "password"],
    ["pa\u0301ssword", "password"],
    ["pässwörd", "password"],
    ["\uFB01le", "file"],
    ["tag\u{E0041}\u{E0042}ged", "tagged"],
    ["plain ascii stays as it is", "plain ascii stays as it is"],
  ])("normalizes %j to %j", (input, expected) => {
    expect(normalizeForScan(input)).toBe(expected);
  });

  it("is idempotent, so callers may normalize before scanning", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom("\u200b", "\u0430", "ｑ", "e\u0301", "\uFB01", "\u{E0041}", "\u0301"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })) }), (text) => {
        const once = normalizeForScan(text);
        expect(normalizeForScan(once)).toBe(once);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it("maps every span of the normalized text back onto the original", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "B", "7", " ", "\u200b", "\u0430", "ｑ", "e\u0301", "\uFB01", "\u{1F600}") }), (text) => {
        const n = normalizeWithOffsets(text);
        for (let start = 0; start < n.text.length; start++) {
          const [from, to] = n.toOriginal(start, start + 1);
          expect(0 <= from && from < to && to <= text.length).toBe(true);
          expect(normalizeForScan(text.slice(from, to))).toContain(n.text[start]);
        }
      }),
    );
  });
});

describe("scanning disguised secrets", () => {
  const scanner = createSecretScanner();
  const invisible = fc.constantFrom("\u200b", "\u200c", "\u200d", "\u2060", "\uFEFF", "\u00AD");

  it("redacts a secret with invisible characters sprinkled into it, disguise included", async () => {
    const key = "AKIAIOSFODNN7EXAMPLE";
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 1, max: key.length - 1 }), invisible), { maxLength: 6 }), async (inserts) => {
        let disguised = key;
        for (const [at, ch] of [...inserts].sort((a, b) => b[0] - a[0])) disguised = disguised.slice(0, at) + ch + disguised.slice(at);
        const text = `the key is ${disguised} ok`;
        const redacted = redact(text, await scanner.scan(text));
        expect(redacted).toBe("the key is [REDACTED] ok");
      }),
    );
  });
});
