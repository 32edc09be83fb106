/** A request to stop, from a signal or a test; the worker finishes the message in hand first. */
export interface StopSignal {
  readonly requested: boolean;
  /** Resolves when a stop is requested. */
  readonly stopped: Promise<void>;
}
