/**
 * A pool of worker threads that run one task at a time each, under a deadline. A task that
 * overruns is not waited for: its thread is terminated (V8 interrupts even a running regular
 * expression) and replaced, and the caller is told `deadline`. Tasks given the same lane run on
 * the same thread in order, so work that depends on the previous task of its lane (follow-ups
 * in one hub thread) sees it.
 *
 * Protocol with the thread script: it posts `{ type: "ready" }` once set up (or
 * `{ type: "failed", message }`), then answers each `{ type: "task", id, payload }` with
 * `{ type: "done", id, value }` or `{ type: "error", id, message }`. `{ type: "control", payload }`
 * is delivered to every live thread and not answered.
 */
import { Worker } from "node:worker_threads";

export type TaskOutcome<T> = { ok: true; value: T } | { ok: false; reason: "deadline"; ms: number };

export interface TaskPool<Req, Res> {
  run(payload: Req, lane: number): Promise<TaskOutcome<Res>>;
  /** Sent to every live thread (threads started later are new and need no reset). */
  control(payload: unknown): void;
  close(): Promise<void>;
}

export interface TaskPoolOptions {
  script: URL;
  workerData: unknown;
  size: number;
  deadlineMs: number;
}

interface Job {
  id: number;
  payload: unknown;
  resolve(outcome: TaskOutcome<unknown>): void;
  reject(error: Error): void;
}

type FromThread = { type: "ready" } | { type: "failed"; message: string } | { type: "done"; id: number; value: unknown } | { type: "error"; id: number; message: string };

export class TaskFailedError extends Error {}

export function createTaskPool<Req, Res>(options: TaskPoolOptions): TaskPool<Req, Res> {
  const lanes = Array.from({ length: Math.max(1, options.size) }, () => new Lane(options));
  let nextId = 0;
  return {
    run(payload, lane) {
      return new Promise<TaskOutcome<unknown>>((resolve, reject) => {
        (lanes[Math.abs(lane) % lanes.length] as Lane).enqueue({ id: nextId++, payload, resolve, reject });
      }) as Promise<TaskOutcome<Res>>;
    },
    control(payload) {
      for (const lane of lanes) lane.control(payload);
    },
    async close() {
      await Promise.all(lanes.map((lane) => lane.close()));
    },
  };
}

/** One thread and its queue. The thread starts on the first task and restarts after a deadline. */
class Lane {
  private readonly queue: Job[] = [];
  private thread: Worker | undefined;
  private ready = false;
  private current: { job: Job; timer: NodeJS.Timeout; started: number } | undefined;

  constructor(private readonly options: TaskPoolOptions) {}

  enqueue(job: Job): void {
    this.queue.push(job);
    this.pump();
  }

  control(payload: unknown): void {
    if (this.thread && this.ready) this.thread.postMessage({ type: "control", payload });
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    if (thread) await thread.terminate();
  }

  private pump(): void {
    // Waiting work keeps the process alive; an idle thread must not.
    if (this.current || this.queue.length > 0) this.thread?.ref();
    else this.thread?.unref();
    if (this.current || this.queue.length === 0) return;
    if (!this.thread) return this.start();
    if (!this.ready) return;
    const job = this.queue.shift() as Job;
    const timer = setTimeout(() => this.overrun(), this.options.deadlineMs);
    this.current = { job, timer, started: performance.now() };
    this.thread.postMessage({ type: "task", id: job.id, payload: job.payload });
  }

  private start(): void {
    // No inherited exec flags: the script sets up its own loader, and a parent's --import or
    // --inspect must not run twice.
    const thread = new Worker(this.options.script, { workerData: this.options.workerData, execArgv: [] });
    this.thread = thread;
    this.ready = false;
    thread.on("message", (message: FromThread) => this.receive(thread, message));
    thread.on("error", (error) => this.fail(thread, error));
    thread.on("exit", (code) => {
      if (this.thread === thread) this.fail(thread, new TaskFailedError(`plan thread exited with code ${code}`));
    });
  }

  private receive(thread: Worker, message: FromThread): void {
    if (thread !== this.thread) return;
    if (message.type === "ready") {
      this.ready = true;
      return this.pump();
    }
    if (message.type === "failed") return this.fail(thread, new TaskFailedError(message.message));
    const current = this.current;
    if (!current || current.job.id !== message.id) return;
    clearTimeout(current.timer);
    this.current = undefined;
    if (message.type === "done") current.job.resolve({ ok: true, value: message.value });
    else current.job.reject(new TaskFailedError(message.message));
    this.pump();
  }

  /** The task ran out of time: its thread is stopped and replaced; the queue goes on. */
  private overrun(): void {
    const current = this.current;
    const thread = this.thread;
    if (!current) return;
    this.current = undefined;
    this.thread = undefined;
    void thread?.terminate();
    current.job.resolve({ ok: false, reason: "deadline", ms: Math.round(performance.now() - current.started) });
    this.pump();
  }

  /** The thread could not start or died: every waiting task fails with the reason. */
  private fail(thread: Worker, error: Error): void {
    if (thread !== this.thread) return;
    this.thread = undefined;
    const jobs = [...(this.current ? [this.current.job] : []), ...this.queue.splice(0)];
    if (this.current) clearTimeout(this.current.timer);
    this.current = undefined;
    void thread.terminate();
    for (const job of jobs) job.reject(error);
  }
}
