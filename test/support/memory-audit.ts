import type { AuditEvent, AuditSink } from "../../src/domain/audit.ts";
import { AuditEventSchema } from "../../src/domain/audit.ts";

/**
 * An in-memory `AuditSink` for tests: validates every event like a real sink would, keeps what
 * was recorded, and separates what has been flushed (durable) from what is still buffered.
 */
export class MemoryAuditSink implements AuditSink {
  readonly recorded: AuditEvent[] = [];
  readonly flushed: AuditEvent[] = [];
  flushes = 0;

  record(event: AuditEvent): Promise<void> {
    this.recorded.push(AuditEventSchema.parse(event));
    return Promise.resolve();
  }

  flush(): Promise<void> {
    this.flushes += 1;
    this.flushed.push(...this.recorded.slice(this.flushed.length));
    return Promise.resolve();
  }

  /** The outcomes recorded for one action key, in order. */
  outcomesOf(key: string): string[] {
    return this.recorded.filter((e) => e.action?.key === key).map((e) => e.outcome);
  }
}
