import { describe, expect, it } from "vitest";
import { CHARTER } from "../../src/policy/charter.ts";
import { echoProblem } from "../../src/policy/echo-gate.ts";

const message = { subject: "db access", body: "Hello team, we are migrating the billing service next week and need to know where the postgres credentials for it come from now." };

describe("echo gate", () => {
  it.each([
    ["the whole charter", CHARTER],
    ["one charter sentence in other case and spacing", "Sure.  you never hold, REQUEST, reveal or\nrepeat a secret value. ok"],
    ["the prompt's frame", "BEGIN MESSAGE abc\nbody: hi\nEND MESSAGE abc"],
    ["the message back", `You wrote: ${message.body}`],
  ])("stops a reply carrying %s", (_name, reply) => {
    expect(echoProblem(reply, message)).toMatchObject({ outcome: "downgraded", rule: "content", category: "policy" });
  });

  it.each([
    "Postgres credentials for billing come from the secrets engine: run `secrets-engine exec`.",
    "You asked where the postgres credentials for the billing service come from: see the route db-postgres-credentials.",
    "Please begin the message with the route id.",
  ])("leaves an ordinary answer alone: %j", (reply) => {
    expect(echoProblem(reply, message)).toBeUndefined();
  });
});
