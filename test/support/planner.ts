import type { Brain } from "../../src/brain/brain.ts";
import type { Planner } from "../../src/runtime/index.ts";
import { buildPlanner } from "../../src/runtime/index.ts";
import type { WardenConfig } from "../../src/config/schema.ts";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import type { BrainProposal } from "../../src/domain/action.ts";
import type { Message } from "../../src/domain/message.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";

/** A brain that returns whatever the test sets, as a compromised model might. */
export class ScriptedBrain implements Brain {
  readonly name = "scripted";
  next: BrainProposal = { actions: [], rationale: "", confidence: 0 };
  async plan(): Promise<BrainProposal> {
    return this.next;
  }
}

/** The real planner over the shipped catalog, with a chosen brain. */
export async function shippedPlanner(brain?: Brain, config: WardenConfig = DEFAULT_CONFIG): Promise<Planner> {
  return buildPlanner({ root: REPO_ROOT, config, brainKind: "rule", env: {}, ...(brain ? { brain } : {}) });
}

let counter = 0;
export function message(fields: Partial<Message> = {}): Message {
  counter += 1;
  return {
    id: `msg-test-${counter}`,
    thread_id: `thr-test-${counter}`,
    from_agent: "build-runner",
    to_agent: "ops-warden",
    subject: "a question",
    body: "hello",
    created_at: "2026-11-22T08:00:00Z",
    status: "unread",
    in_reply_to: null,
    ...fields,
  };
}
