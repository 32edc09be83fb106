/** The composition root: the one place adapters are wired into the core. */
export { buildPlanner } from "./planner.ts";
export type { Planner, PlannerOptions } from "./planner.ts";
export { buildWorker } from "./worker.ts";
export type { Worker, WorkerOptions } from "./worker.ts";
export type { TickRequest, TickRun } from "./tick.ts";
export { buildExecutor } from "./executor.ts";
export type { Executor, ExecutorOptions } from "./executor.ts";
