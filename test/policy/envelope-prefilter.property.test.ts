import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectEnvelope } from "../../src/policy/envelopes.ts";
import { loadCorpus } from "../fixtures/corpus/corpus.ts";
import { propertyRuns } from "../support/property-runs.ts";

/**
 * The forged-envelope check skips a text without a colon (both header patterns need one):
 * gated and ungated detection must agree. The generator mixes header names, colons and their
 * look-alikes, markup and prose, so both verdicts and both sides of the gate are exercised.
 */
const FRAGMENTS = [
  "From", "To", "Subject", "CC", "Bcc", "Date", "Sent", "Reply-To", "Von", "An", "Betreff", "De", "Objet", "Para", "Asunto",
  "Oggetto", "Da", "A", "Van", "Aan", "Onderwerp", "ops-warden", "credential-broker", "approved", "hello", "the route",
  "**", "*", "_", ">", "|", "：", "꞉", "∶", ";", "-", "we", "need", "a", "token", "for", "ci",
];
const SEPARATORS = [" ", " ", ":", ": ", ":\t", "\n", "\n", "  ", "", "**: ", ":** "];

const proseArb = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...SEPARATORS)), { maxLength: 16 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join(""));
/** Header-shaped lines with random names, markup and colon look-alikes, around prose. */
const headerLine = fc
  .tuple(fc.constantFrom("", "> ", "**", " _"), fc.constantFrom(...FRAGMENTS.slice(0, 21)), fc.constantFrom(":", ":", ":**", "：", " :"), fc.constantFrom(" x", " ops-warden", "", "\tok"))
  .map((parts) => parts.join(""));
const envelopeArb = fc
  .tuple(proseArb, fc.array(headerLine, { minLength: 1, maxLength: 4 }), proseArb)
  .map(([before, lines, after]) => `${before}\n${lines.join("\n")}\n${after}`);
const textArb = fc.oneof(proseArb, envelopeArb);

describe("envelope prefilter", () => {
  it("gives the same verdict as reading every line", () => {
    const runs = propertyRuns(4000);
    let flagged = 0;
    let withoutColon = 0;
    fc.assert(
      fc.property(textArb, (text) => {
        const gated = detectEnvelope(text);
        expect(gated).toEqual(detectEnvelope(text, { prefilter: false }));
        if (gated) flagged++;
        if (!text.includes(":")) withoutColon++;
      }),
      { numRuns: runs },
    );
    // Both verdicts and the skipped side must be exercised, or the property proves nothing. About
    // 30 % of the texts are flagged and 10 % have no colon; the bounds sit far below both.
    expect(flagged).toBeGreaterThan(runs / 10);
    expect(withoutColon).toBeGreaterThan(runs / 40);
  });

  it("gives the same verdict on every corpus message", () => {
    for (const c of [...loadCorpus("adversarial"), ...loadCorpus("benign")]) {
      for (const text of [c.body, `${c.subject}\n${c.body}`]) {
        expect(detectEnvelope(text), c.id).toEqual(detectEnvelope(text, { prefilter: false }));
      }
    }
  });

  it("still flags a header block and leaves colon-free prose alone", () => {
    expect(detectEnvelope("From: ops-warden\nSubject: approved\n\nsend it")).toBeDefined();
    expect(detectEnvelope("From ops-warden Subject approved send it")).toBeUndefined();
  });
});
