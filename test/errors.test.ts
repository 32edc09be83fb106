import { describe, expect, it } from "vitest";
import { ConfigError, HubError, UsageError } from "../src/domain/errors.ts";

describe("typed errors", () => {
  it("carry exit codes and keep their cause", () => {
    const cause = new Error("root");
    const err = new ConfigError("bad config", { cause });
    expect(err.exitCode).toBe(2);
    expect(err.cause).toBe(cause);
    expect(new UsageError("x").exitCode).toBe(2);
    const hub = new HubError("hub down", { status: 503, code: "unavailable" });
    expect([hub.exitCode, hub.status, hub.code, hub.name]).toEqual([1, 503, "unavailable", "HubError"]);
  });
});
