/**
 * One planning thread: builds its own planner from the same root, config, brain kind and
 * environment as the main thread's, then plans the messages it is sent. The main thread holds
 * the deadline; this side only plans (src/runtime/plan-pool.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Message } from "../domain/message.ts";
import type { PlanThreadSpec } from "./plan-pool.ts";
import { buildPlanner } from "./planner.ts";

const port = parentPort;
if (!port) throw new Error("plan-thread.ts runs only as a worker thread");
const spec = workerData as PlanThreadSpec;

try {
  const planner = await buildPlanner({ root: spec.root, config: spec.config, brainKind: spec.brainKind, env: spec.env });
  port.on("message", (message: { type: "task"; id: number; payload: Message } | { type: "control"; payload: "begin-tick" }) => {
    if (message.type === "control") return planner.beginTick();
    planner.plan(message.payload).then(
      (value) => port.postMessage({ type: "done", id: message.id, value }),
      (error: unknown) => port.postMessage({ type: "error", id: message.id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  port.postMessage({ type: "ready" });
} catch (error) {
  port.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
}
