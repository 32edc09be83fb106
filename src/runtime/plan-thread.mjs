// Entry of a planning thread (src/adapters/threads/task-pool.ts): a worker thread starts with
// Node's own loader, so it registers tsx itself before loading the TypeScript planner.
import { register } from "tsx/esm/api";

register();
await import("./plan-thread.ts");
