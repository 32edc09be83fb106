import { auditEvent } from "../../domain/audit.ts";
import { HubError } from "../../domain/errors.ts";
import type { QuarantinedMessage } from "../../domain/message.ts";
import { quarantineKey, renderQuarantineIssue } from "../render/quarantine-issue.ts";
import type { TickState } from "./context.ts";
import { createOnce } from "./create-once.ts";
import { reported } from "./escalation.ts";
import { guarded } from "./guard.ts";
import type { ActionOutcome } from "./outcome.ts";
import { outcome } from "./outcome.ts";
import { listOwnWork } from "./own-work.ts";

/**
 * A quarantined record is escalated (an issue from code-owned fields) and then marked read, so it
 * is neither dropped nor listed again every tick. The mark-read comes only after the issue exists.
 */
export async function executeQuarantined(q: QuarantinedMessage, state: TickState): Promise<ActionOutcome[]> {
  const escalated = await guarded(state, () => escalate(q, state));
  await record(state, q, "escalate", quarantineKey(q), escalated);
  if (escalated.status === "failed" || escalated.status === "deferred") return [escalated];
  const read = await guarded(state, () => markRead(q, state));
  await record(state, q, "mark_read", `${quarantineKey(q)}-read`, read);
  return [escalated, read];
}

async function escalate(q: QuarantinedMessage, state: TickState): Promise<ActionOutcome> {
  const { github, config } = state.deps;
  const key = quarantineKey(q);
  const work = await state.ownWork();
  const existing = work.issueFor(key);
  if (existing) return outcome("skipped", "already-done", { url: existing.url });
  const findIssue = async () => (await listOwnWork(github, config.labels.escalation[0] ?? "ops-warden", config.relay.bot_logins)).issues.find((i) => i.marker.key === key)?.item;
  const made = await createOnce(state, key, findIssue, () => github.createIssue(renderQuarantineIssue(q, config.labels.escalation)));
  if (made.kind !== "busy" && made.item) work.add("issue", made.item);
  return reported(made, "created");
}

/** A positional placeholder (`page1#3`, no readable id) is unknown to the hub: nothing to mark. */
async function markRead(q: QuarantinedMessage, state: TickState): Promise<ActionOutcome> {
  try {
    await state.deps.hub.markRead(q.message_id);
    return outcome("executed", "marked-read");
  } catch (error) {
    if (error instanceof HubError && (error.status === 404 || error.status === 400 || error.code === "not_found")) return outcome("skipped", "already-done", { reason: "the hub knows no message by this id" });
    throw error;
  }
}

async function record(state: TickState, q: QuarantinedMessage, kind: string, key: string, result: ActionOutcome): Promise<void> {
  const { deps } = state;
  await deps.audit.record(
    auditEvent({
      at: deps.now().toISOString(),
      actor: "worker",
      mode: deps.mode,
      tick_id: deps.tickId,
      message_id: q.message_id.slice(0, 200),
      action: { kind: `quarantine_${kind}`, key },
      outcome: result.status,
      rule: result.code,
      reason: result.reason ?? null,
      links: result.url && kind === "escalate" ? { issue: result.url } : {},
    }),
  );
}
