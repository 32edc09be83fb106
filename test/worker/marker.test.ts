import { describe, expect, it } from "vitest";
import { changeHash, readMarker, renderMarker, withMarker } from "../../src/worker/render/marker.ts";

const marker = { key: `warden-escalate-${"a".repeat(24)}`, message_id: "m-1", thread_id: "t-1", from_agent: "x--y" };

describe("marker", () => {
  it("round-trips with a content hash, and a changed file or content changes the hash", () => {
    const hash = changeHash("catalog/a.yaml", "routes: []\n");
    expect(readMarker(`body\n\n${renderMarker({ ...marker, hash })}`)).toEqual({ ...marker, hash });
    expect(changeHash("catalog/b.yaml", "routes: []\n")).not.toBe(hash);
    expect(changeHash("catalog/a.yaml", "routes: [ ]\n")).not.toBe(hash);
  });

  it("is replaced in place, or appended to a body that has none", () => {
    const body = `intro\n\n${renderMarker(marker)}\n`;
    const next = withMarker(body, { ...marker, hash: "0123456789abcdef" });
    expect(next.startsWith("intro\n\n")).toBe(true);
    expect(next.endsWith("\n")).toBe(true);
    expect(readMarker(next)?.hash).toBe("0123456789abcdef");
    expect(readMarker(withMarker("plain", marker))).toEqual(marker);
  });
});
