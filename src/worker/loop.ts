import type { StopSignal } from "../domain/stop-signal.ts";

export type { StopSignal } from "../domain/stop-signal.ts";

/**
 * Runs `tick` now and then every `intervalMs` until a stop is requested. A stop never cuts a
 * tick short mid-message (the tick itself checks between messages); the wait between ticks is
 * cut short at once. A tick that throws is handed to `onError` and the loop goes on.
 */
export async function runLoop(tick: () => Promise<void>, intervalMs: number, stop: StopSignal, onError: (error: unknown) => void): Promise<number> {
  let ticks = 0;
  while (!stop.requested) {
    // A failed tick (the hub is down, say) is reported and retried on the next interval: nothing
    // was acknowledged, so every message is still unread and nothing is lost.
    await tick().catch(onError);
    ticks += 1;
    if (stop.requested) break;
    await wait(intervalMs, stop);
  }
  return ticks;
}

/** Waits `ms` or until `stop` fires, whichever is first; the timer keeps the process alive meanwhile. */
function wait(ms: number, stop: StopSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([elapsed, stop.stopped]).finally(() => clearTimeout(timer));
}
