import { describe, expect, it } from "vitest";
import { analyze, phraseKey, stem } from "../../src/catalog/index.ts";

describe("analyze", () => {
  it("ignores case, punctuation and filler words", () => {
    expect(analyze("How do I get SSH-access to the BUILD hosts?!")).toEqual(["ssh", "access", "build", "host"]);
  });

  it("folds simple inflections to one stem", () => {
    const same = (words: string[]) => new Set(words.map(stem)).size;
    expect(same(["host", "hosts"])).toBe(1);
    expect(same(["certificate", "certificates"])).toBe(1);
    expect(same(["rotate", "rotated", "rotating", "rotation"])).toBe(1);
    expect(same(["sign", "signed", "signing", "signs"])).toBe(1);
    expect(same(["issue", "issued", "issues", "issuing"])).toBe(1);
    expect(same(["policy", "policies"])).toBe(1);
    expect(stem("access")).toBe("access");
    expect(stem("billing")).toBe("bill");
  });

  it("maps common shorthand to the catalog's words", () => {
    expect(analyze("db creds")).toEqual(analyze("database credentials"));
    expect(analyze("k8s certs")).toEqual(analyze("kubernetes certificates"));
  });

  it("keys phrases by their normalised terms", () => {
    expect(phraseKey("SSH Certificates!")).toBe(phraseKey("ssh certificate"));
    expect(phraseKey("how do I")).toBe("");
  });

  it("never throws on odd input", () => {
    expect(analyze("")).toEqual([]);
    expect(analyze("\u0000\uFFFD🙂 ünïcödé")).toEqual(["unicod"]);
    // Words that name Object.prototype members are plain words, not lookups into it.
    expect(analyze("constructor toString __proto__ hasOwnProperty")).toEqual(["constructor", "tostr", "proto", "hasownproperti"]);
  });
});
