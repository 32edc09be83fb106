import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { BrainProposal } from "../../src/domain/action.ts";
import { mentionsProductionChange } from "../../src/policy/production-gate.ts";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import type { Rig } from "./support.ts";
import { kinds, rig, routingQuestion } from "./support.ts";

/**
 * Whatever shape or size a brain's output has, and whatever an inbound message holds, planning
 * one message must finish with a bounded plan: a crash or a hang wedges the whole tick, and the
 * message stays unread to do it again next tick. (Costs are measured, not asserted in time.)
 */
let r: Rig;
beforeAll(async () => {
  r = await rig();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function planProposal(proposal: unknown) {
  r.brain.next = proposal as BrainProposal;
  return r.planner.plan(routingQuestion());
}

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

describe("brain output of any shape", () => {
  it("bounds a list of 10,000 actions to the per-message limit", async () => {
    const plan = await planProposal({ actions: Array.from({ length: 10_000 }, (_, i) => ({ kind: "reply", body: `hi ${i}` })), rationale: "r", confidence: 1 });
    const limit = DEFAULT_CONFIG.limits.actions_per_message;
    expect(plan.proposed).toHaveLength(limit + 1);
    expect(plan.proposed.at(-1)?.rule).toBe("action-limit");
    expect(kinds(plan).filter((k) => k === "reply")).toHaveLength(limit);
  });

  it.each([
    ["a deeply nested action", [nested(100_000, (inner) => ({ kind: "reply", body: inner }))]],
    ["a deeply nested entry", [{ kind: "propose_catalog_change", op: "add", rationale: "r", entry: nested(100_000, (inner) => ({ id: inner })) }]],
    ["actions that are not a list", "rm -rf /"],
    ["a sparse list of a billion slots", new Array(1_000_000_000)],
  ])("escalates %s", async (_what, actions) => {
    const plan = await planProposal({ actions, rationale: "r", confidence: 1 });
    expect(kinds(plan)).toEqual(["escalate", "mark_read"]);
  });

  // Fixed (was a crash): plan-message.ts read `proposal.actions` and String(rationale) without
  // checking; a proposal is now read defensively and a guard failure becomes escalate(malformed).
  it.each([
    ["a null proposal", null],
    ["a rationale of deeply nested arrays", { actions: [{ kind: "mark_read" }], rationale: nested(100_000, (inner) => [inner]), confidence: 1 }],
  ])("plans (escalates) rather than throws on %s", async (_what, proposal) => {
    const plan = await planProposal(proposal);
    expect(kinds(plan)).toEqual(["escalate", "mark_read"]);
  });

  // Fixed (was a plan flood): zod's "Unrecognized key" message quoted every extra key in full;
  // the allowlist now tells only how many fields the action does not have.
  it("keeps every proposed reason bounded whatever the brain's field names", async () => {
    const key = "k".repeat(100_000);
    const plan = await planProposal({ actions: Array.from({ length: 8 }, (_, i) => ({ kind: "reply", body: "x", [`${key}${i}`]: 1 })), rationale: "r", confidence: 1 });
    expect(Math.max(...plan.proposed.map((p) => p.reason.length))).toBeLessThanOrEqual(2_000);
  });
});

describe("inbound text cost", () => {
  /**
   * A proxy for the production gate's cost that does not depend on the clock: how many
   * substrings it cuts. Comparing every change word with every production word and slicing the
   * text between them cost n² slices of O(n) text (a 64 kB message ran for hours before any
   * brain); the gate now finds the nearest production word by binary search over word numbers.
   */
  it("screens a message in a number of steps linear in its words", () => {
    const n = 120;
    const body = `${"change ".repeat(n)}${"ok ".repeat(12)}${"prod ".repeat(n)}`;
    const slice = vi.spyOn(String.prototype, "slice");
    expect(mentionsProductionChange(body)).toBeUndefined();
    const words = body.split(" ").length;
    expect(slice.mock.calls.length).toBeLessThan(10 * words);
  });
});

