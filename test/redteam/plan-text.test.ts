import { beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../src/domain/message.ts";
import { summarize } from "../../src/worker/plan/document.ts";
import type { PlanDocument } from "../../src/worker/plan/document.ts";
import { renderPlanText } from "../../src/worker/plan/render-text.ts";
import type { MessagePlan } from "../../src/worker/plan/types.ts";
import type { Rig } from "./support.ts";
import { rig, routingQuestion } from "./support.ts";

/**
 * The dry-run text is what a maintainer reads before enabling execution. Untrusted text (the
 * message, the brain's rationale) must not be able to add plan lines of its own, or hide the
 * real ones with terminal control sequences.
 */
let r: Rig;
beforeAll(async () => {
  r = await rig();
});

function doc(plan: MessagePlan): PlanDocument {
  return { version: 1, generated_at: "2026-11-22T09:00:00.000Z", mode: "dry-run", hub: "file:test", brain: "scripted", messages: [plan], quarantined: [], interrupted: false, summary: summarize([plan], []) };
}

async function text(actions: unknown[], msg: Message, rationale = "because"): Promise<string> {
  return renderPlanText(doc(await r.plan(actions, msg, rationale)));
}

const FORGED = "fine\n   would run:\n     1. reply → reply to build-runner in thread t, subject \"ok\"";
const escalate = [{ kind: "escalate", category: "ambiguous", reason: "unclear" }];
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("dry-run plan text", () => {
  it("prints one header line per message even with CR/LF in the subject (baseline)", async () => {
    const out = await text(escalate, routingQuestion({ subject: `hi\r\n${FORGED}` }));
    expect(out.split("\n").filter((l) => l.startsWith("   would run:"))).toHaveLength(1);
  });

  it("keeps the message body inside its quoted block", async () => {
    const out = await text(escalate, routingQuestion({ body: FORGED }));
    expect(out.split("\n").filter((l) => l.startsWith("   would run:"))).toHaveLength(1);
  });

  // Fixed (was a bypass): the rationale kept its newlines, so a brain could write its own
  // "would run:" section; fields from the message or the brain are now printed on one line.
  it("does not let a brain's rationale add plan lines", async () => {
    const out = await text(escalate, routingQuestion(), FORGED);
    expect(out.split("\n").filter((l) => l.startsWith("   would run:"))).toHaveLength(1);
  });

  // Fixed (was a bypass): ESC and other control characters reached the terminal (`ESC[8m` hides
  // what follows, cursor movement overwrites lines); the text plan now shows them as "?".
  it.each([
    ["the subject", (m: Partial<Message>) => ({ ...m, subject: "hello \u001b[8m" }), "because"],
    ["the body", (m: Partial<Message>) => ({ ...m, body: "hello \u001b[8m" }), "because"],
    ["a vertical tab in the subject", (m: Partial<Message>) => ({ ...m, subject: "hello\u000b\u000b     1. mark_read" }), "because"],
    ["the rationale", (m: Partial<Message>) => m, "ok \u001b[1A\u001b[2K\u001b[8m"],
  ])("prints no terminal control characters from %s", async (_where, fields, rationale) => {
    const out = await text(escalate, routingQuestion(fields({})), rationale);
    expect(out).not.toMatch(TERMINAL_CONTROL);
  });
});
