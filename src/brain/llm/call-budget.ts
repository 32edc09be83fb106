/**
 * The per-tick ceiling on model calls (`limits.llm_calls_per_tick`). Cache hits are free; a
 * message over the ceiling is deferred, not escalated, so the next tick plans it.
 */
export class CallBudget {
  private used = 0;
  constructor(readonly limit: number) {}

  /** Reserves one call; false when the tick has none left. */
  take(): boolean {
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }

  reset(): void {
    this.used = 0;
  }
}
