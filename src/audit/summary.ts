import type { AuditEvent } from "../domain/audit.ts";
import { AUDIT_OUTCOMES } from "../domain/audit.ts";
import { inlineCode } from "../domain/text-safety.ts";
import type { PublishedHead } from "./head-event.ts";
import { HEAD_ACTION } from "./head-event.ts";

/** Events about the tick or the trail itself, not actions: counted and listed apart. */
const notAnAction = (e: AuditEvent) => e.action?.kind === "tick" || e.action?.kind === HEAD_ACTION;

export interface JobSummaryInput {
  tickId: string;
  mode: string;
  events: readonly AuditEvent[];
  /** Set when `mode: scheduled` runs without a passing rollout check. */
  warning?: string;
  redactions: number;
  hub?: { delivered: number; pending: number };
  /** The audit branch's chain head after this tick appended to it. */
  head?: PublishedHead;
  /** Why the tick's events could not be appended to the audit branch. */
  publishError?: string;
  /** The dashboard table (Markdown): a dry-run shows it here instead of writing the issue. */
  dashboard?: string;
}

const MAX_ROWS = 200;

/** A table cell: a `|` would end the cell even inside a code span (GFM tables). */
const cell = (text: string) => text.replace(/\|/g, "\\|");
const code = (text: string, max: number) => cell(inlineCode(text, max));
/** Characters that would end a Markdown link target early are percent-encoded. */
const linkTarget = (url: string) => cell(url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`));

/**
 * The GitHub Actions job summary of one tick: a warning first when there is one, counts by
 * outcome, then every action with its links. Message-derived cells are inline code spans, so
 * nothing in them pings, links or renders as HTML.
 */
export function renderJobSummary(input: JobSummaryInput): string {
  const out = [`## ops-warden tick ${inlineCode(input.tickId, 80)} (${input.mode})`, ""];
  if (input.warning) out.push(`> [!WARNING]`, `> ${input.warning}`, "");
  if (input.publishError) out.push(`> [!CAUTION]`, `> The audit branch was not written: ${inlineCode(input.publishError, 300)}. This tick's events are only on the runner.`, "");
  if (input.head) {
    out.push(`Audit chain head on ${inlineCode(input.head.ref, 80)}: record ${input.head.seq}, hash ${inlineCode(input.head.hash, 64)}, commit ${inlineCode(input.head.commit, 40)}.`);
    out.push("`warden activity verify` in any clone must reach this head; a branch that no longer does was rewritten.", "");
  }
  const counts = AUDIT_OUTCOMES.map((o) => [o, input.events.filter((e) => e.outcome === o && !notAnAction(e)).length] as const).filter(([, n]) => n > 0);
  out.push(`| outcome | actions |`, `|---|---|`, ...counts.map(([o, n]) => `| ${o} | ${n} |`), "");
  const actions = input.events.filter((e) => !notAnAction(e));
  if (actions.length > 0) {
    out.push(`| message | action | outcome | rule | links |`, `|---|---|---|---|---|`);
    for (const e of actions.slice(0, MAX_ROWS)) {
      const links = Object.entries(e.links).map(([name, url]) => (name === "hub_message" ? `hub ${code(url, 60)}` : `[${name}](${linkTarget(url)})`));
      out.push(`| ${code(e.message_id ?? "-", 60)} | ${e.action ? code(e.action.kind, 40) : "-"} | ${e.outcome} | ${code(e.rule ?? "-", 40)} | ${links.join(" ") || "-"} |`);
    }
    if (actions.length > MAX_ROWS) out.push("", `… and ${actions.length - MAX_ROWS} more; see \`warden activity\`.`);
    out.push("");
  }
  const notes = [`${input.redactions} secret findings redacted from the audit`];
  if (input.hub) notes.push(`hub events: ${input.hub.delivered} delivered, ${input.hub.pending} waiting for the next tick`);
  out.push(notes.join(" · "), "");
  if (input.dashboard) out.push("### Dashboard (dry-run: shown here, the issue is not written)", "", input.dashboard, "");
  return out.join("\n");
}
