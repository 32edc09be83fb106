import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrainContext } from "../../src/brain/brain.ts";
import { RuleBrain } from "../../src/brain/rule/rule-brain.ts";
import { shippedBrainContext } from "../catalog/helpers.ts";
import { message } from "../support/planner.ts";
import type { SshKeys } from "../support/ssh.ts";
import { sshKeys } from "../support/ssh.ts";

let keys: SshKeys;
let context: BrainContext;
beforeAll(async () => {
  keys = await sshKeys();
  context = await shippedBrainContext();
});
afterAll(() => keys.cleanup());

const plan = async (subject: string, body: string, extra: Partial<BrainContext> = {}) => (await new RuleBrain().plan(message({ subject, body }), { ...context, ...extra })).actions[0];

describe("the RuleBrain on a message with a public key", () => {
  it("names the route from the reply subject, the thread's earlier answer, or its words; picks the named principal and TTL", async () => {
    const user = await keys.user("rb");
    const expected = { kind: "issue_ssh_certificate", route_id: "ssh-build-hosts", principals: ["builder"], ttl: "8h", key_fingerprint: user.fingerprint };
    expect(await plan("Re: route ssh-build-hosts", user.line)).toEqual(expected);
    expect(await plan("here it is", user.line, { earlierRoute: () => "ssh-build-hosts" })).toEqual(expected);
    expect(await plan("ssh", `Can you issue a certificate for the build runners? principal deploy-ci, ttl 90m\n${user.line}`)).toEqual({ ...expected, principals: ["deploy-ci"], ttl: "90m" });
    expect(await plan("prod", `I need ssh access to production hosts for an incident\n${user.line}`)).toMatchObject({ route_id: "ssh-production-hosts", principals: ["ops"], ttl: "1h" });
  });

  it("proposes a principal outside the policy as named (the judge refuses it), and escalates a key with no route", async () => {
    const user = await keys.user("rb2");
    expect(await plan("Re: route ssh-build-hosts", `login as root\n${user.line}`)).toMatchObject({ principals: ["root"] });
    expect(await plan("hello", user.line)).toMatchObject({ kind: "escalate", category: "ambiguous" });
    const other = await keys.user("rb3");
    expect(await plan("Re: route ssh-build-hosts", `${user.line}\n${other.line}`)).toMatchObject({ kind: "escalate", category: "policy", reason: expect.stringMatching(/2 public keys/) as unknown });
  });
});
