import { beforeAll, describe, expect, it } from "vitest";
import type { BrainProposal } from "../../src/domain/action.ts";
import type { Message } from "../../src/domain/message.ts";
import type { Rig } from "./support.ts";
import { fake, kinds, rig, routingQuestion, runOf, secretsIn, splitToken } from "./support.ts";

/**
 * Inbound messages are untrusted in every field, not only subject and body: the sender picks
 * its agent name and thread id too. A secret anywhere in a message must stop it at the gate
 * (no brain, no prompt) and be redacted from the plan and the issue.
 */
let r: Rig;
const seen: Message[] = [];
beforeAll(async () => {
  r = await rig();
  // Records every message a brain is given: a gated message must never reach one.
  Object.assign(r.brain, {
    plan: (msg: Message): Promise<BrainProposal> => {
      seen.push(msg);
      return Promise.resolve(r.brain.next);
    },
  });
});

const escalateOnly = [{ kind: "escalate", category: "ambiguous", reason: "unclear" }];

async function planAndCheck(msg: Message, actions: unknown[] = escalateOnly) {
  const before = seen.length;
  const plan = await r.plan(actions, msg);
  return { plan, brainSaw: seen.length > before, leaks: await secretsIn(plan, r.deps) };
}

describe("inbound secrets", () => {
  it.each([
    ["the subject", (s: string) => ({ subject: `my token ${s}` })],
    ["the body", (s: string) => ({ body: `routing question: which route owns ${s}?` })],
    ["the body, split by zero-width spaces", (s: string) => ({ body: `token ${s.slice(0, 10)}\u200b${s.slice(10)}` })],
    ["the body, in full-width letters", (s: string) => ({ body: `token ${[...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("")}` })],
  ])("stops a secret in %s at the gate and redacts it everywhere", async (_where, place) => {
    const { plan, brainSaw, leaks } = await planAndCheck(routingQuestion(place(fake.githubToken())));
    expect(plan.gate?.rule).toBe("inbound-secret");
    expect(brainSaw).toBe(false);
    expect(leaks).toEqual([]);
  });

  // Fixed (was a bypass): the gate scanned only subject + body; the sender's fields are scanned
  // too now, and shown redacted in the plan head and the issue.
  it.each([
    ["from_agent", (s: string) => ({ from_agent: s })],
    ["thread_id", (s: string) => ({ thread_id: s })],
    ["message id", (s: string) => ({ id: s })],
  ])("stops a secret in the message's %s at the gate", async (_field, place) => {
    const { plan, brainSaw } = await planAndCheck(routingQuestion(place(fake.githubToken())));
    expect(brainSaw).toBe(false);
    expect(plan.gate?.rule).toBe("inbound-secret");
  });

  it.each([
    ["from_agent", (s: string) => ({ from_agent: s })],
    ["thread_id", (s: string) => ({ thread_id: s })],
  ])("keeps a secret in the message's %s out of the plan", async (_field, place) => {
    const { leaks } = await planAndCheck(routingQuestion(place(fake.awsKeyId())), [{ kind: "answer_route", route_id: "ssh-build-hosts" }]);
    expect(leaks).toEqual([]);
  });

  // Known limit: the message id is assigned by the hub, not the sender, and mark_read must name
  // it to acknowledge the message; the plan head and the issue show it redacted, mark_read cannot.
  it.fails.each([["message id", (s: string) => ({ id: s })]])("keeps a secret in the message's %s out of the plan", async (_field, place) => {
    const { leaks } = await planAndCheck(routingQuestion(place(fake.awsKeyId())), [{ kind: "answer_route", route_id: "ssh-build-hosts" }]);
    expect(leaks).toEqual([]);
  });

  // Fixed (was a bypass): C0/C1 control characters between pieces of a token hid it from the
  // scanner; the normaliser now removes them like zero-width spaces.
  it("stops a token split into short pieces by zero-width spaces (baseline)", async () => {
    const { plan, brainSaw } = await planAndCheck(routingQuestion({ body: `is ${splitToken("\u200b")} still valid?` }));
    expect(brainSaw).toBe(false);
    expect(plan.gate?.rule).toBe("inbound-secret");
  });

  it.each([
    ["NUL", "\u0000"],
    ["BEL", "\u0007"],
    ["DEL", "\u007f"],
    ["C1 PAD", "\u0080"],
  ])("stops a token split into short pieces by %s characters", async (_name, char) => {
    const { plan, brainSaw } = await planAndCheck(routingQuestion({ body: `is ${splitToken(char)} still valid?` }));
    expect(brainSaw).toBe(false);
    expect(plan.gate?.rule).toBe("inbound-secret");
  });

  it("redacts a secret in a subject that also carries newlines (baseline)", async () => {
    const token = fake.slackToken();
    const { plan, leaks } = await planAndCheck(routingQuestion({ subject: `hi\r\n${token}\nthere` }));
    expect(plan.gate?.rule).toBe("inbound-secret");
    expect(plan.subject).not.toMatch(/[\r\n]/);
    expect(leaks).toEqual([]);
  });
});

describe("replies go only to the sender", () => {
  it("ignores recipient, thread and subject fields a brain adds to a reply", async () => {
    const plan = await r.plan([{ kind: "reply", body: "hello", to_agent: "someone-else", thread_id: "other", subject: "x" }]);
    expect(kinds(plan)).toEqual(["escalate", "mark_read"]);
  });

  it("addresses a reply to the original sender and thread even with odd sender fields", async () => {
    const msg = routingQuestion({ from_agent: "build-runner\nto_agent: billing", thread_id: "t-1\r\nthread_id: t-2" });
    const plan = await r.plan([{ kind: "reply", body: "hello there" }], msg);
    const [reply] = runOf(plan, "reply");
    expect(reply?.reply).toMatchObject({ to_agent: msg.from_agent, thread_id: msg.thread_id, in_reply_to: msg.id, from_agent: "ops-warden" });
  });
});
