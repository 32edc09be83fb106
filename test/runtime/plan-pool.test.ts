import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import type { Brain } from "../../src/brain/brain.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { buildWorker } from "../../src/runtime/index.ts";
import type { PlanDocument } from "../../src/worker/plan/document.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";
import { message, ScriptedBrain } from "../support/planner.ts";

/** A worker over the repository's catalog, a file inbox of `messages` and the given `worker:` settings. */
async function tick(worker: Record<string, unknown>, messages?: unknown[], extra: Record<string, unknown> = {}, brain?: Brain): Promise<PlanDocument> {
  const dir = await mkdtemp(join(tmpdir(), "warden-pool-"));
  const configFile = join(dir, "ops-warden.yml");
  await writeFile(configFile, stringify({ worker, ...extra }));
  let hubUrl: string | undefined;
  if (messages) {
    await mkdir(join(dir, "inbox"));
    await writeFile(join(dir, "inbox", "messages.json"), JSON.stringify({ messages }));
    hubUrl = `file:${join(dir, "inbox")}`;
  }
  const built = await buildWorker({ root: REPO_ROOT, configFile, hubUrl, env: { WARDEN_STATE_DIR: join(dir, "state") }, cwd: REPO_ROOT, ...(brain ? { brain } : {}) });
  try {
    return await built.tick(() => false);
  } finally {
    await built.planner.close?.();
  }
}

function withoutTime(doc: PlanDocument): Omit<PlanDocument, "generated_at"> {
  const { generated_at: _ignored, ...rest } = doc;
  return rest;
}

describe("planning threads", () => {
  it("plan the sample inbox exactly as the main thread does, in inbox order", async () => {
    const threaded = await tick({ plan_threads: 2, message_deadline_ms: 30_000, thread_min_bytes: 0 });
    const inProcess = await tick({ plan_threads: 0 });
    expect(threaded.messages.length).toBeGreaterThan(10);
    expect(withoutTime(threaded)).toEqual(withoutTime(inProcess));
  });

  it("escalate each message that overruns the deadline from its sender and ids alone, in order, losing none", async () => {
    const planted = `Zq${Math.random().toString(36).slice(2, 10)}Vx9`;
    const slow = message({ id: "m-slow", thread_id: "t-slow", subject: `about ${planted}`, body: `${"pass ".repeat(13_000)} ${planted}` });
    const others = Array.from({ length: 2 }, (_, i) => message({ id: `m-${i}`, thread_id: `t-${i}`, body: "Which route do I use for SSH access to the build hosts?" }));
    // A 1 ms deadline: no message can be screened that fast, so every one of them overruns.
    const doc = await tick({ plan_threads: 2, message_deadline_ms: 1, thread_min_bytes: 0 }, [slow, ...others], { issues: { quote_message: true } });
    expect(doc.messages.map((m) => m.message_id)).toEqual(["m-slow", "m-0", "m-1"]);
    for (const plan of doc.messages) {
      expect(plan.gate?.rule).toBe("deadline");
      expect(plan.run.map((a) => a.kind)).toEqual(["escalate", "mark_read"]);
      const issue = plan.run[0];
      expect(issue && issue.kind === "escalate" ? issue.category : undefined).toBe("policy");
    }
    const text = JSON.stringify(doc.messages[0]);
    expect(text).toContain("too costly to screen");
    expect(text).toContain("m-slow");
    expect(text).not.toContain(planted);
    expect(text).not.toContain("pass pass");
  });

  it("take only messages of at least thread_min_bytes; smaller ones are planned in the main thread", async () => {
    const big = message({ id: "m-big", thread_id: "t-big", body: `Which route do I use for SSH access to the build hosts? ${"Some context. ".repeat(700)}` });
    const small = message({ id: "m-small", thread_id: "t-small", body: "Which route do I use for SSH access to the build hosts?" });
    const doc = await tick({ plan_threads: 1, message_deadline_ms: 1, thread_min_bytes: 8192 }, [big, small]);
    expect(doc.messages.map((m) => [m.message_id, m.gate?.rule])).toEqual([
      ["m-big", "deadline"],
      ["m-small", undefined],
    ]);
    expect(doc.messages[1]?.run.map((a) => a.kind)).toEqual(["answer_route", "mark_read"]);
  });

  it("are not used for a brain other than the rules (a model brain's call budget and cache are the process's)", async () => {
    const brain = new ScriptedBrain();
    brain.next = { actions: [{ kind: "escalate", category: "ambiguous", reason: "scripted" }, { kind: "mark_read" }], rationale: "r", confidence: 1 };
    const doc = await tick({ plan_threads: 2, message_deadline_ms: 1 }, [message({ id: "m-1" })], {}, brain);
    expect(doc.messages[0]?.gate).toBeUndefined();
    expect(doc.messages[0]?.brain?.name).toBe(brain.name);
  });
});
