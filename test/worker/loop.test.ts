import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { processStopSignal } from "../../src/adapters/stop-signal.ts";
import { runLoop } from "../../src/worker/loop.ts";

describe("worker loop", () => {
  it("ticks until a stop is requested, then finishes the tick in hand", async () => {
    const proc = new EventEmitter() as unknown as NodeJS.Process;
    const stop = processStopSignal(proc);
    const seen: string[] = [];
    const ticks = await runLoop(
      async () => {
        seen.push("start");
        if (seen.filter((s) => s === "start").length === 2) proc.emit("SIGTERM");
        await new Promise((r) => setTimeout(r, 5));
        seen.push("end");
      },
      1,
      stop,
      () => undefined,
    );
    stop.dispose();
    expect(ticks).toBe(2);
    expect(seen).toEqual(["start", "end", "start", "end"]);
    expect((proc as unknown as EventEmitter).listenerCount("SIGTERM")).toBe(0);
  });

  it("reports a failed tick and carries on with the next", async () => {
    const proc = new EventEmitter() as unknown as NodeJS.Process;
    const stop = processStopSignal(proc);
    const errors: unknown[] = [];
    let ticks = 0;
    await runLoop(
      async () => {
        ticks += 1;
        if (ticks === 1) throw new Error("hub unavailable");
        proc.emit("SIGTERM");
      },
      1,
      stop,
      (error) => errors.push(error),
    );
    stop.dispose();
    expect(ticks).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it("cuts the wait between ticks short on SIGINT", async () => {
    const proc = new EventEmitter() as unknown as NodeJS.Process;
    const stop = processStopSignal(proc);
    let ticks = 0;
    const done = runLoop(async () => void (ticks += 1), 3_600_000, stop, () => undefined);
    await new Promise((r) => setTimeout(r, 10));
    proc.emit("SIGINT");
    expect(await done).toBe(1);
    expect(ticks).toBe(1);
    stop.dispose();
  });
});
