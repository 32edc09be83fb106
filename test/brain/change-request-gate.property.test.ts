import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findChangeBlocks } from "../../src/brain/rule/change-blocks.ts";
import { parseChangeRequest } from "../../src/brain/rule/change-request.ts";
import { propertyRuns } from "../support/property-runs.ts";

/**
 * parseChangeRequest skips the line walk when the body never says `warden-change` (in any case).
 * That is sound only if no such body holds a top-level block: checked here against the walk
 * itself, on bodies of fences with look-alike info strings, quotes, comments and details.
 */
const INFO = ["warden-change", "WARDEN-CHANGE", "Warden-Change", "warden_change", "wardenchange", "warden-chang", "yaml", "", "warden-change yaml", "ẇarden-change", "warden‐change"];
const LINES = ["op: retire", "route_id: ssh-bastion", "rationale: why", "> quoted", "<details>", "</details>", "<!--", "-->", "Fwd: hi", "do not apply", "hello", ""];
const fenceArb = fc.tuple(fc.constantFrom("```", "~~~", "````", "  ```"), fc.constantFrom(...INFO), fc.array(fc.constantFrom(...LINES), { maxLength: 3 }), fc.boolean())
  .map(([marker, info, body, closed]) => [`${marker}${info}`, ...body, ...(closed ? [marker.trim()] : [])].join("\n"));
const bodyArb = fc.array(fc.oneof(fenceArb, fc.constantFrom(...LINES)), { maxLength: 6 }).map((parts) => parts.join("\n"));

describe("change-request gate", () => {
  it("a body that never says warden-change holds no top-level block", () => {
    let skipped = 0;
    let found = 0;
    fc.assert(
      fc.property(bodyArb, (body) => {
        const blocks = findChangeBlocks(body).topLevel.length;
        if (!/warden-change/i.test(body)) {
          skipped++;
          expect(blocks).toBe(0);
          expect(parseChangeRequest(body)).toEqual({ found: false });
        } else if (blocks > 0) found++;
      }),
      { numRuns: propertyRuns(4000) },
    );
    // Both sides of the gate must be exercised, or the property proves nothing.
    expect(skipped).toBeGreaterThan(50);
    expect(found).toBeGreaterThan(50);
  });

  it("still finds a block whose fence is upper-cased", () => {
    expect(parseChangeRequest("```WARDEN-CHANGE\nop: retire\nroute_id: x\nrationale: y\n```").found).toBe(true);
  });
});
