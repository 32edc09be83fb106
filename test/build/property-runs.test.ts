import { describe, expect, it } from "vitest";
import { propertyRuns } from "../support/property-runs.ts";

describe("propertyRuns", () => {
  it("gives CI a quarter of a property's full count, at least 25 and never more than the full count", () => {
    expect([4000, 600, 200, 40, 8].map((full) => propertyRuns(full, {}))).toEqual([1000, 150, 50, 25, 8]);
  });

  it("gives the nightly job the full count", () => {
    expect([4000, 8].map((full) => propertyRuns(full, { WARDEN_PROPERTY_FULL: "1" }))).toEqual([4000, 8]);
  });
});
