import { describe, expect, it } from "vitest";
import { detectSecretRequest } from "../../../src/policy/secrets/index.ts";
import { ASKS, ROUTING } from "../../fixtures/secrets/secret-requests.ts";

describe("detectSecretRequest", () => {
  it("has at least 30 asks and 30 routing questions", () => {
    expect(ASKS.length).toBeGreaterThanOrEqual(30);
    expect(ROUTING.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ASKS.map((t) => [t] as const))("recognises an ask for a secret value: %s", (text) => {
    const found = detectSecretRequest(text);
    expect(found).not.toBeNull();
    expect(found?.reason).toMatch(/secret/);
    expect(found?.phrase.length).toBeGreaterThan(0);
  });

  it.each(ROUTING.map((t) => [t] as const))("leaves a routing question alone: %s", (text) => {
    expect(detectSecretRequest(text)).toBeNull();
  });

  it("finds the ask inside a longer message, in any clause", () => {
    const text = "Hi! Thanks for the help last week with the OIDC role.\n\nUnrelated: please paste the Redis password here, I am in a hurry.";
    expect(detectSecretRequest(text)?.phrase).toBe("paste the redis password");
  });

  it("names the ask, not the rest of the message", () => {
    const found = detectSecretRequest("send me the postgres password for billing, my number is 555-0100");
    expect(found?.phrase).toBe("send me the postgres password");
  });
});
