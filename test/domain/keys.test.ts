import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionKey, contentHash } from "../../src/domain/keys.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("idempotency keys", () => {
  it("are stable: the same digest as a streamed sha256 of the UTF-8 text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string(), fc.string({ unit: "binary" }), (id, kind, extra) => {
        expect(actionKey(id, kind, extra)).toBe(`warden-${kind}-${sha256(`${id}\u0000${kind}\u0000${extra}`).slice(0, 24)}`);
        expect(contentHash(extra)).toBe(sha256(extra).slice(0, 12));
      }),
    );
  });

  it("keeps the keys already written by earlier runs", () => {
    expect(actionKey("m-1", "mark_read")).toBe(`warden-mark_read-${sha256("m-1\u0000mark_read\u0000").slice(0, 24)}`);
    expect(contentHash("lone \ud800 surrogate", 64)).toBe(sha256("lone \ud800 surrogate"));
  });
});
