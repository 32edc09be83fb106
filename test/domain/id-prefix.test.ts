import { describe, expect, it } from "vitest";
import { listIds, resolveIdPrefix } from "../../src/domain/id-prefix.ts";

const IDS = ["msg-0001", "msg-0002", "msg-7f3a9c1d-0000", "msg-7f3b0000-1111"];

describe("resolveIdPrefix", () => {
  it("takes an exact id even when it is also a prefix of another", () => {
    expect(resolveIdPrefix("msg-0001", [...IDS, "msg-00010"])).toEqual({ kind: "found", id: "msg-0001" });
  });

  it("takes a unique prefix, with or without the ellipsis the compact plan shows", () => {
    expect(resolveIdPrefix("msg-7f3a", IDS)).toEqual({ kind: "found", id: "msg-7f3a9c1d-0000" });
    expect(resolveIdPrefix("msg-7f3b…", IDS)).toEqual({ kind: "found", id: "msg-7f3b0000-1111" });
    expect(resolveIdPrefix("msg-7f3b...", IDS)).toEqual({ kind: "found", id: "msg-7f3b0000-1111" });
  });

  it("lists every match of an ambiguous prefix, sorted", () => {
    expect(resolveIdPrefix("msg-7f3", IDS)).toEqual({ kind: "ambiguous", matches: ["msg-7f3a9c1d-0000", "msg-7f3b0000-1111"] });
  });

  it("finds nothing for an unknown or empty prefix", () => {
    expect(resolveIdPrefix("msg-9", IDS)).toEqual({ kind: "none" });
    expect(resolveIdPrefix(" ", IDS)).toEqual({ kind: "none" });
    expect(resolveIdPrefix("…", IDS)).toEqual({ kind: "none" });
  });

  it("counts a repeated id once", () => {
    expect(resolveIdPrefix("msg-0002", ["msg-0002", "msg-0002"])).toEqual({ kind: "found", id: "msg-0002" });
    expect(resolveIdPrefix("msg-000", ["msg-0002", "msg-0002"])).toEqual({ kind: "found", id: "msg-0002" });
  });

  it("shortens long id lists", () => {
    expect(listIds(["a", "b", "c"], 2)).toBe("a, b, … (1 more)");
    expect(listIds(["a", "b"], 2)).toBe("a, b");
  });
});
