import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasHexRun } from "../../../src/policy/secrets/hex-run.ts";
import { splitWords } from "../../../src/policy/secrets/prose-passwords.ts";
import { propertyRuns } from "../../support/property-runs.ts";

/**
 * The prose-password scanner splits text into words with shortcuts for the common word (no quote
 * or punctuation at its ends, no colon or equals sign inside). The reading below applies the
 * patterns to every word, as the scanner did before the shortcuts: both must give the same words.
 */
const LABELS = new Set(["password", "pw", "token", "key", "secret", "passwort", "login", "pin"]);

function reference(text: string, offset: number) {
  const words: { text: string; lower: string; start: number; end: number; line: number; stop: boolean }[] = [];
  const word = (raw: string, at: number, line: number) => {
    const stripped = raw.replace(/^[("'`«„“]+/, "");
    const lead = raw.length - stripped.length;
    const core = stripped.replace(/[),.;!?"'`»“”]+$/, "");
    return { text: core, lower: core.toLowerCase(), start: at + lead, end: at + lead + core.length, line, stop: /[.!?;]["'`»”)]*$/.test(raw) };
  };
  let line = 0;
  let counted = 0;
  for (const m of text.matchAll(/[^\s]+/g)) {
    for (let i = counted; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    counted = m.index;
    const raw = m[0];
    const colon = /^([^:=]+)([:=])$/.exec(raw);
    const at = offset + m.index;
    const glued = colon ? null : /^([A-Za-z][A-Za-z_-]{1,20})([:=])([^:=]{4,})$/.exec(raw);
    if (colon?.[1] && colon[2]) words.push(word(colon[1], at, line), word(colon[2], at + colon[1].length, line));
    else if (glued?.[1] && glued[2] && glued[3] && LABELS.has(glued[1].toLowerCase())) {
      words.push(word(glued[1], at, line), word(glued[2], at + glued[1].length, line), word(glued[3], at + glued[1].length + 1, line));
    } else words.push(word(raw, at, line));
  }
  return words;
}

const MARKS = [..."(\"'`«„“),.;!?»”:=-_/"];
const PIECES = ["password", "Passwort", "token", "pw", "key", "login", "PIN", "is", "ist", "qzvxkwplm", "Hunter2", "x", "é", "😀", "4829", "the"];
const wordArb = fc
  .tuple(fc.array(fc.constantFrom(...MARKS), { maxLength: 2 }), fc.constantFrom(...PIECES), fc.array(fc.constantFrom(...MARKS), { maxLength: 2 }), fc.option(fc.constantFrom(...PIECES)))
  .map(([lead, core, trail, glued]) => `${lead.join("")}${core}${trail.join("")}${glued ?? ""}`);
const textArb = fc.array(fc.tuple(wordArb, fc.constantFrom(" ", " ", "\n", "\t", "  ", "\u00a0")), { maxLength: 20 }).map((ws) => ws.map(([w, s]) => w + s).join(""));

describe("prose-password word splitting", () => {
  it("gives the same words as reading every word with the patterns", () => {
    fc.assert(
      fc.property(textArb, fc.nat(500), (text, offset) => {
        expect(splitWords(text, offset)).toEqual(reference(text, offset));
      }),
      { numRuns: propertyRuns(4000) },
    );
  });
});

/** The hex-blob gate: a text where the scanner's hex-blob pattern matches always has the run the gate looks for. */
const HEX_BLOB = /(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{32,}(?![0-9A-Za-z])/;
const hexText = fc
  .array(fc.oneof({ weight: 40, arbitrary: fc.constantFrom(..."0123456789abcdefABCDEF") }, { weight: 1, arbitrary: fc.constantFrom("0x", " ", "g", "x", ":", "-", "é", "\n") }), { minLength: 30, maxLength: 90 })
  .map((cs) => cs.join(""));

describe("hex-run gate", () => {
  it("is true exactly when 32 hex digits stand in a row, so it never skips a hex blob", () => {
    let blobs = 0;
    let runs = 0;
    fc.assert(
      fc.property(hexText, (text) => {
        const run = hasHexRun(text, 32);
        expect(run).toBe(/[0-9a-fA-F]{32}/.test(text));
        if (HEX_BLOB.test(text)) {
          blobs++;
          expect(run).toBe(true);
        }
        if (run) runs++;
      }),
      { numRuns: propertyRuns(4000) },
    );
    expect(blobs).toBeGreaterThan(10);
    expect(runs).toBeGreaterThan(blobs);
  });
});
