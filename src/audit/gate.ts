import type { AuditEvent } from "../domain/audit.ts";
import { AuditEventSchema } from "../domain/audit.ts";
import type { SecretScanner } from "../domain/secrets.ts";
import { redact } from "../domain/secrets.ts";

export interface GatedEvent {
  event: AuditEvent;
  /** How many secret findings were replaced by the redaction marker. */
  redactions: number;
}

/**
 * The secret gate every audit event passes before any sink writes it (guardrail 4). Every string
 * an event carries is scanned — ids and keys too, since message and thread ids come from the hub
 * and are untrusted. A hit is replaced by the redaction marker and counted in `detail.redactions`.
 * Most events are clean, so all strings are scanned together first and one by one only on a hit.
 */
export async function gateEvent(event: AuditEvent, scanner: SecretScanner): Promise<GatedEvent> {
  const strings = stringsOf(event);
  if (strings.length === 0 || (await scanner.scan(strings.join("\n"))).length === 0) return { event, redactions: 0 };
  let redactions = 0;
  const clean = async (text: string): Promise<string> => {
    const findings = await scanner.scan(text);
    redactions += findings.length;
    return redact(text, findings);
  };
  const cleanOrNull = async (text: string | null) => (text === null ? null : clean(text));
  const links: AuditEvent["links"] = {};
  for (const [name, value] of Object.entries(event.links) as [keyof AuditEvent["links"], string][]) {
    const cleaned = await clean(value);
    // A redacted URL is no longer a URL: the link is left out (the count says something was removed).
    if (cleaned === value) links[name] = value;
  }
  const detail: AuditEvent["detail"] = {};
  for (const [key, value] of Object.entries(event.detail)) detail[await clean(key)] = typeof value === "string" ? await clean(value) : value;
  const gated = {
    ...event,
    tick_id: await cleanOrNull(event.tick_id),
    message_id: await cleanOrNull(event.message_id),
    thread_id: await cleanOrNull(event.thread_id),
    action: event.action && { kind: await clean(event.action.kind), key: await clean(event.action.key) },
    rule: await cleanOrNull(event.rule),
    reason: await cleanOrNull(event.reason),
    links,
    detail,
  };
  gated.detail.redactions = redactions;
  return { event: AuditEventSchema.parse(gated), redactions };
}

function stringsOf(event: AuditEvent): string[] {
  const { tick_id, message_id, thread_id, action, rule, reason, links, detail } = event;
  const out = [tick_id, message_id, thread_id, action?.kind, action?.key, rule, reason, ...Object.values(links)];
  for (const [key, value] of Object.entries(detail)) out.push(key, typeof value === "string" ? value : null);
  return out.filter((s): s is string => typeof s === "string" && s.length > 0);
}
