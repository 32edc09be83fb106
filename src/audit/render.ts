import type { AuditEvent } from "../domain/audit.ts";
import { oneLine } from "../domain/text-safety.ts";

/**
 * Terminal output of `warden activity`. Ids and reasons come partly from messages, so every cell
 * is one line with control characters removed (`oneLine`): a field cannot forge table rows.
 */
const COLUMNS = ["TIME (UTC)", "ACTOR", "OUTCOME", "MESSAGE", "ACTION", "RULE", "DETAIL"] as const;

export function renderActivityTable(events: readonly AuditEvent[]): string {
  if (events.length === 0) return "no audit events match";
  const rows = events.map((e) => [
    e.at.slice(0, 19).replace("T", " "),
    e.actor,
    e.outcome,
    oneLine(e.message_id ?? "-", 40),
    e.action ? oneLine(e.action.kind, 32) : "-",
    oneLine(e.rule ?? "-", 24),
    detailCell(e),
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join("  ").trimEnd();
  return [line(COLUMNS), ...rows.map(line)].join("\n");
}

/** The most useful fact in one cell: a link if there is one, else the reason; a tick shows its id. */
function detailCell(e: AuditEvent): string {
  const link = e.links.pr ?? e.links.issue ?? (e.links.hub_message ? `hub message ${e.links.hub_message}` : undefined);
  const tick = e.action?.kind === "tick" ? `${e.action.key}: ${String(e.detail.messages ?? "?")} messages` : undefined;
  const text = link ?? e.reason ?? tick ?? "";
  const took = e.duration_ms === null ? "" : ` (${Math.round(e.duration_ms)} ms)`;
  return oneLine(text, 100) + took;
}

/**
 * `warden activity show`: the whole story of one message, in the order it happened, grouped by
 * the tick (or relay) that wrote each part.
 */
export function renderMessageStory(messageId: string, events: readonly AuditEvent[]): string {
  if (events.length === 0) return `no audit events for message ${oneLine(messageId, 80)}`;
  const thread = events.find((e) => e.thread_id)?.thread_id;
  const out = [`message ${oneLine(messageId, 80)}${thread ? ` (thread ${oneLine(thread, 80)})` : ""}: ${events.length} events`];
  let group: string | undefined;
  for (const e of events) {
    const title = e.tick_id ? `${e.actor} tick ${oneLine(e.tick_id, 60)} (${e.mode})` : `${e.actor} (${e.mode})`;
    if (title !== group) out.push("", title);
    group = title;
    const action = e.action ? `${oneLine(e.action.kind, 32)} ${oneLine(e.action.key, 60)}` : "message";
    const why = [e.rule && `[${oneLine(e.rule, 24)}]`, e.reason && oneLine(e.reason, 160)].filter(Boolean).join(" ");
    out.push(`  ${e.at.slice(11, 19)}  ${e.outcome.padEnd(8)}  ${action}${why ? `  ${why}` : ""}`);
    for (const [name, url] of Object.entries(e.links)) out.push(`            ${name}: ${oneLine(url, 200)}`);
  }
  return out.join("\n");
}
