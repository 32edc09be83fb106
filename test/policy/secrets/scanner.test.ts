import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact } from "../../../src/domain/secrets.ts";
import { createSecretScanner } from "../../../src/policy/secrets/index.ts";
import { mergeFindings } from "../../../src/policy/secrets/merge.ts";
import { HEADER_GATE, HEADER_RULES } from "../../../src/policy/secrets/keyword-rules.ts";
import { TOKEN_GATE, TOKEN_RULES } from "../../../src/policy/secrets/token-rules.ts";
import { messageArb } from "./arbitraries.ts";
import { propertyRuns } from "../../support/property-runs.ts";

const scanner = createSecretScanner();

describe("createSecretScanner", () => {
  it("returns positions and rule ids only", async () => {
    const text = "key AKIAIOSFODNN7EXAMPLE";
    const findings = await scanner.scan(text);
    expect(findings).toEqual([{ rule: "warden/aws-access-key-id", start: 4, end: 24 }]);
    expect(JSON.stringify(findings)).not.toContain("AKIA");
  });

  it("reports secretlint's rule ids as secretlint reports them", async () => {
    const text = `postgres://app:Fake${"Pw9"}x@db.internal.example:5432/billing`;
    expect((await scanner.scan(text)).map((f) => f.rule)).toEqual(["@secretlint/secretlint-rule-database-connection-string"]);
  });

  it("leaves nothing a second scan would report, whatever the text", async () => {
    await fc.assert(
      fc.asyncProperty(messageArb, async (text) => {
        const redacted = redact(text, await scanner.scan(text));
        expect(await scanner.scan(redacted)).toEqual([]);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it("reads a prose password's label and copula on one line: the next line's colon is another key's", async () => {
    expect(await scanner.scan("kinds:\n  - password\nowner: team-2\nlane: issue")).toEqual([]);
    const text = "login for the relay, pw is Hq4vN8sLw2\nowner: team-2";
    const findings = await scanner.scan(text);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(["Hq4vN8sLw2"]);
  });

  it("scans an empty text", async () => {
    expect(await scanner.scan("")).toEqual([]);
  });
});

describe("mergeFindings", () => {
  it("sorts, drops findings inside wider ones and joins overlaps of one rule", () => {
    expect(
      mergeFindings([
        { rule: "warden/jwt", start: 10, end: 20 },
        { rule: "warden/high-entropy", start: 12, end: 18 },
        { rule: "warden/b", start: 0, end: 5 },
        { rule: "warden/b", start: 3, end: 8 },
        { rule: "warden/jwt", start: 10, end: 20 },
        { rule: "warden/c", start: 15, end: 25 },
      ]),
    ).toEqual([
      { rule: "warden/b", start: 0, end: 8 },
      { rule: "warden/jwt", start: 10, end: 20 },
      { rule: "warden/c", start: 15, end: 25 },
    ]);
  });

  it("prefers secretlint's id over ours on the same span", () => {
    const span = { start: 0, end: 40 };
    expect(mergeFindings([{ rule: "warden/github-token", ...span }, { rule: "@secretlint/secretlint-rule-github", ...span }])).toEqual([
      { rule: "@secretlint/secretlint-rule-github", ...span },
    ]);
  });
});

describe("rule gates", () => {
  it("token gate: the union of the rules' hints, which carry no flags", () => {
    for (const rule of TOKEN_RULES) {
      expect(rule.hint?.flags).toBe("");
      expect(TOKEN_GATE.source).toContain(rule.hint?.source);
    }
  });

  it("header gate: the case-insensitive union of every header rule's hint", () => {
    for (const rule of HEADER_RULES) {
      expect(rule.hint).toBeDefined();
      expect(HEADER_GATE.source).toContain(rule.hint?.source);
    }
    expect(HEADER_GATE.flags).toBe("i");
  });
});
