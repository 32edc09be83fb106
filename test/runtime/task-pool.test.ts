import { afterEach, describe, expect, it } from "vitest";
import type { TaskPool } from "../../src/adapters/threads/task-pool.ts";
import { createTaskPool } from "../../src/adapters/threads/task-pool.ts";

interface Task {
  name: string;
  spin?: number;
  fail?: string;
}
interface Answer {
  name: string;
  threadId: number;
  seen: string[];
}

const script = new URL("../fixtures/threads/spin-thread.mjs", import.meta.url);
let pool: TaskPool<Task, Answer> | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

function makePool(size: number, deadlineMs: number, workerData: unknown = {}): TaskPool<Task, Answer> {
  pool = createTaskPool<Task, Answer>({ script, workerData, size, deadlineMs });
  return pool;
}

function value(outcome: Awaited<ReturnType<TaskPool<Task, Answer>["run"]>>): Answer {
  if (!outcome.ok) throw new Error(`expected a value, got ${outcome.reason}`);
  return outcome.value;
}

describe("task pool", () => {
  it("stops a task that overruns its deadline, replaces the thread and goes on with the queue", async () => {
    const p = makePool(1, 300);
    const [stuck, next] = await Promise.all([p.run({ name: "stuck", spin: 60_000 }, 0), p.run({ name: "next" }, 0)]);
    expect(stuck).toMatchObject({ ok: false, reason: "deadline" });
    if (!stuck.ok) expect(stuck.ms).toBeGreaterThanOrEqual(290);
    // The next task ran on a fresh thread: it never saw the stuck one.
    expect(value(next).seen).toEqual(["task:next"]);
  });

  it("runs the tasks of one lane on one thread, in order", async () => {
    const p = makePool(2, 5_000);
    const answers = (await Promise.all(["a", "b", "c"].map((name) => p.run({ name }, 7)))).map(value);
    expect(new Set(answers.map((a) => a.threadId)).size).toBe(1);
    expect(answers.at(-1)?.seen).toEqual(["task:a", "task:b", "task:c"]);
  });

  it("spreads lanes over threads that work at the same time", async () => {
    const p = makePool(2, 5_000);
    const [a, b] = (await Promise.all([p.run({ name: "a", spin: 200 }, 0), p.run({ name: "b", spin: 200 }, 1)])).map(value);
    expect(a?.threadId).not.toBe(b?.threadId);
  });

  it("delivers control messages to live threads", async () => {
    const p = makePool(1, 5_000);
    await p.run({ name: "first" }, 0);
    p.control("begin-tick");
    expect(value(await p.run({ name: "second" }, 0)).seen).toEqual(["task:first", "control:begin-tick", "task:second"]);
  });

  it("rejects a task whose thread reports an error, and keeps the thread", async () => {
    const p = makePool(1, 5_000);
    await expect(p.run({ name: "bad", fail: "brain broke" }, 0)).rejects.toThrow("brain broke");
    expect(value(await p.run({ name: "after" }, 0)).seen).toEqual(["task:bad", "task:after"]);
  });

  it("rejects every waiting task, naming the reason, when a thread cannot start", async () => {
    const p = makePool(1, 5_000, { failStart: "catalog unreadable" });
    const runs = [p.run({ name: "a" }, 0), p.run({ name: "b" }, 0)];
    for (const run of runs) await expect(run).rejects.toThrow("cannot start: catalog unreadable");
  });
});
