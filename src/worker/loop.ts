/**
 * Runs `tick` now and then every `intervalMs` until a stop is requested. A stop never cuts a
 * tick short mid-message (the tick itself checks between messages); the wait between ticks is
 * cut short at once.
 */
export interface StopSignal {
  readonly requested: boolean;
  /** Resolves when a stop is requested. */
  readonly stopped: Promise<void>;
}

export async function runLoop(tick: () => Promise<void>, intervalMs: number, stop: StopSignal): Promise<number> {
  let ticks = 0;
  while (!stop.requested) {
    await tick();
    ticks += 1;
    if (stop.requested) break;
    await Promise.race([delay(intervalMs), stop.stopped]);
  }
  return ticks;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
}

/** A stop signal driven by SIGINT/SIGTERM; `dispose` removes the handlers. */
export function processStopSignal(proc: NodeJS.Process = process): StopSignal & { dispose(): void } {
  let requested = false;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const onSignal = () => {
    requested = true;
    resolveStopped();
  };
  proc.on("SIGINT", onSignal);
  proc.on("SIGTERM", onSignal);
  return {
    get requested() {
      return requested;
    },
    stopped,
    dispose() {
      proc.off("SIGINT", onSignal);
      proc.off("SIGTERM", onSignal);
    },
  };
}
