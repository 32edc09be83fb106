import type { WardenConfig } from "../config/schema.ts";
import { chainHeadEvent, HEAD_ACTION } from "../audit/head-event.ts";
import type { AuditSink } from "../domain/audit.ts";
import type { HubClient } from "../domain/hub.ts";
import { auditLocation, buildAuditTrail } from "./audit.ts";
import { auditBranchTarget, publishEvents } from "./audit-branch.ts";

export interface RelayAudit {
  /** The sink the relays record through: secret-gated, chained, delivered to the hub when one is set. */
  sink: AuditSink;
  /** After the event: appends what the relay recorded to the audit branch; returns notices for stderr. */
  finish(): Promise<{ notices: string[]; publishError?: string }>;
}

/**
 * The relays' audit in GitHub Actions: the same trail as a tick's (so `relayed` events are in the
 * chain), its events sent to the hub, and appended to WARDEN_AUDIT_REF like a tick's.
 */
export function startRelayAudit(options: { root: string; env: NodeJS.ProcessEnv; config: WardenConfig; hub?: HubClient; now?: () => Date }): RelayAudit {
  const location = auditLocation(options.root, options.env, options.config);
  const trail = buildAuditTrail(location, options.env, { keepRecorded: true, ...(options.hub ? { hub: options.hub } : {}) });
  const branch = auditBranchTarget(options.root, options.env, options.config);
  const now = options.now ?? (() => new Date());
  return {
    sink: trail,
    finish: async () => {
      await trail.flush();
      const events = trail.recorded.filter((e) => e.action?.kind !== HEAD_ACTION);
      if (!branch || events.length === 0) return { notices: [] };
      try {
        const published = await publishEvents(branch, events, `relay (${events.length} events)`);
        await trail.record(chainHeadEvent({ at: now(), actor: "relay", mode: options.config.mode, tickId: null }, { ref: branch.ref, commit: published.commit, ...published.head }));
        await trail.flush();
        return { notices: [`audit: ${events.length} relay events appended to ${branch.ref} (commit ${published.commit.slice(0, 12)}, chain record ${published.head.seq})`] };
      } catch (error) {
        const publishError = error instanceof Error ? error.message : String(error);
        return { notices: [`audit: the relay's events were NOT appended to ${branch.ref} (${publishError})`], publishError };
      }
    },
  };
}
