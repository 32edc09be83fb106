import { describe, expect, it } from "vitest";
import { buildRouteIndex } from "../../src/catalog/index.ts";
import { buildFuzzyWords, correctTypo } from "../../src/catalog/route-fuzzy.ts";
import type { Route } from "../../src/domain/catalog.ts";

const words = buildFuzzyWords(new Map([["credentials", "credenti"], ["postgres", "postgr"], ["lambda", "lambda"], ["token", "token"], ["aws", "aw"], ["role", "role"]]));

describe("typo tolerance", () => {
  it.each([
    ["credentails", "credenti"],
    ["postgress", "postgr"],
    ["lamda", "lambda"],
    ["tokn", "token"],
    ["awss", "aw"],
  ])("takes %s for the catalog word it misspells", (typo, term) => {
    expect(correctTypo(words, typo)).toBe(term);
  });

  it.each([["rule"], ["tokan"], ["credentialsxyz"], ["aw5s"], ["zzz"]])("leaves %s alone: too short, too far, or not a word", (word) => {
    expect(correctTypo(words, word)).toBeUndefined();
  });
});

describe("German compounds", () => {
  const route = (id: string, title: string, match: string[], sensitivity: Route["sensitivity"] = []): Route => ({ id, title, kinds: ["thing"], owner: "o", lane: "owner-native", status: "active", match, sensitivity });
  const index = buildRouteIndex([
    route("db", "Database passwords", ["database password"]),
    route("prod-ssh", "SSH access to production hosts", ["production ssh"], ["production"]),
    route("build-ssh", "SSH access to build hosts", ["build host ssh"]),
  ]);

  it("reads a compound through its parts, both of them", () => {
    expect(index.lookup("Datenbankpasswort bitte").matches[0]?.route.id).toBe("db");
    // "Produktions|servern": the first part makes the question one about production.
    expect(index.lookup("SSH-Zugang zu Produktionsservern").matches[0]?.route.id).toBe("prod-ssh");
  });
});
