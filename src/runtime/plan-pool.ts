import type { TaskPool } from "../adapters/threads/task-pool.ts";
import { createTaskPool } from "../adapters/threads/task-pool.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { Message } from "../domain/message.ts";
import type { MessagePlan } from "../worker/plan/types.ts";
import type { Planner } from "./planner.ts";

/** What a planning thread needs to build the same planner as the main thread (plan-thread.ts). */
export interface PlanThreadSpec {
  root: string;
  config: WardenConfig;
  brainKind: string;
  env: NodeJS.ProcessEnv;
}

export interface PooledPlanner extends Planner {
  /** How many messages may be planned at once (the tick keeps that many in flight). */
  concurrency: number;
  close(): Promise<void>;
}

/**
 * Plans on `config.worker.plan_threads` threads under `message_deadline_ms` per message (those of
 * at least `thread_min_bytes`; smaller ones in the main thread). The
 * main thread's planner stays the source of the catalog and scanner, and writes the plan of a
 * message that overran (planOverDeadline): nothing of that message's text is read again.
 * Messages of one hub thread go to the same planning thread, in order, so a follow-up still sees
 * the answer given earlier in the tick.
 */
export function withPlanPool(planner: Planner, spec: PlanThreadSpec): PooledPlanner {
  const { plan_threads: size, message_deadline_ms: deadlineMs, thread_min_bytes: minBytes } = spec.config.worker;
  const pool: TaskPool<Message, MessagePlan> = createTaskPool({ script: new URL("./plan-thread.mjs", import.meta.url), workerData: spec, size, deadlineMs });
  return {
    ...planner,
    // Enough in flight that every thread has the next message queued when it finishes one.
    concurrency: size * 4,
    async plan(message) {
      // A thread costs about a second to start (it loads the planner); a small message costs
      // little more than its size to screen, so it is planned here.
      if (Buffer.byteLength(message.subject) + Buffer.byteLength(message.body) < minBytes) return planner.plan(message);
      const outcome = await pool.run(message, laneOf(message.thread_id));
      return outcome.ok ? outcome.value : planner.planOverDeadline(message, deadlineMs);
    },
    beginTick() {
      planner.beginTick();
      pool.control("begin-tick");
    },
    close: () => pool.close(),
  };
}

/** A stable small number per hub thread (FNV-1a). */
function laneOf(threadId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < threadId.length; i++) hash = Math.imul(hash ^ threadId.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
