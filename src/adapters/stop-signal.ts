import type { StopSignal } from "../domain/stop-signal.ts";

export interface ProcessStopSignal extends StopSignal {
  /** The signal that asked to stop (`SIGINT` or `SIGTERM`), once one did. */
  readonly signal: string | undefined;
  /** Aborted by the first signal: HTTP calls given it stop at once instead of waiting out retries. */
  readonly abort: AbortSignal;
  /** Removes the handlers. */
  dispose(): void;
}

/** The one stop-signal handler: the first SIGINT or SIGTERM requests a stop (worker loop, hub serve). */
export function processStopSignal(proc: NodeJS.Process = process): ProcessStopSignal {
  let requested = false;
  let signal: string | undefined;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const controller = new AbortController();
  const onSignal = (name?: NodeJS.Signals) => {
    if (!requested) signal = name;
    requested = true;
    resolveStopped();
    controller.abort();
  };
  proc.on("SIGINT", onSignal);
  proc.on("SIGTERM", onSignal);
  return {
    get requested() {
      return requested;
    },
    get signal() {
      return signal;
    },
    stopped,
    abort: controller.signal,
    dispose() {
      proc.off("SIGINT", onSignal);
      proc.off("SIGTERM", onSignal);
    },
  };
}
