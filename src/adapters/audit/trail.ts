import { gateEvent } from "../../audit/gate.ts";
import type { AuditEvent, AuditSink } from "../../domain/audit.ts";
import { AuditEventSchema } from "../../domain/audit.ts";
import type { HubClient } from "../../domain/hub.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import type { DeliveryResult } from "./hub-delivery.ts";
import { deliverPending } from "./hub-delivery.ts";
import type { AuditFileOptions } from "./writer.ts";
import { appendRecords } from "./writer.ts";

export interface AuditTrailOptions extends AuditFileOptions {
  scanner: SecretScanner;
  /** Where events are also sent. Absent in dry-run: dry-run audits locally and sends nothing. */
  hub?: HubClient;
  /** Buffered events are written once this many are waiting, so a long tick keeps its trail. */
  writeEvery?: number;
  /** Keep the gated events in `recorded` (for one tick's job summary; off for long-lived sinks). */
  keepRecorded?: boolean;
}

export interface AuditTrailStats {
  written: number;
  redactions: number;
  hub?: DeliveryResult;
}

/**
 * The production `AuditSink`: every event passes the secret gate, is buffered, and is appended to
 * the chained JSON-lines file; `flush` (at each tick's end) fsyncs and then delivers to the hub
 * what is still unsent. A hub failure is reported in `stats`, never thrown: the events wait in
 * the file for the next flush.
 */
export class AuditTrail implements AuditSink {
  private buffer: AuditEvent[] = [];
  private readonly totals: AuditTrailStats = { written: 0, redactions: 0 };
  /** The events as written, after the secret gate (only with `keepRecorded`). */
  readonly recorded: AuditEvent[] = [];

  constructor(private readonly options: AuditTrailOptions) {}

  get stats(): AuditTrailStats {
    return { ...this.totals };
  }

  async record(event: AuditEvent): Promise<void> {
    const gated = await gateEvent(AuditEventSchema.parse(event), this.options.scanner);
    this.totals.redactions += gated.redactions;
    this.buffer.push(gated.event);
    if (this.options.keepRecorded) this.recorded.push(gated.event);
    if (this.buffer.length >= (this.options.writeEvery ?? 500)) await this.writeBuffered();
  }

  async flush(): Promise<void> {
    await this.writeBuffered();
    if (this.options.hub) this.totals.hub = await deliverPending(this.options, this.options.hub);
  }

  private async writeBuffered(): Promise<void> {
    const events = this.buffer;
    this.buffer = [];
    const unsent = this.options.hub ? { hub: "unsent" } : {};
    try {
      await appendRecords(this.options, events.map((event) => ({ event, ...unsent })));
    } catch (error) {
      this.buffer = [...events, ...this.buffer]; // Kept for the next attempt: nothing is dropped.
      throw error;
    }
    this.totals.written += events.length;
  }
}
