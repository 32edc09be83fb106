/**
 * Two ways a body pretends to be something it is not, both escalated as injection:
 *
 * - a forged envelope: header-shaped lines (`From:`, `To:`, `Subject:`, …) that make the body
 *   look like a message the hub or another agent sent ("From: ops-warden / To: credential-broker
 *   / Subject: approved");
 * - a hidden block: a change block, or an instruction, inside `<details>`, an HTML comment, a
 *   Markdown link-reference comment or other markup a reader sees collapsed or not at all.
 *
 * Input: the raw message text (markup intact). Linear: one pass over the lines.
 */
import type { InjectionHit } from "./injection.ts";

const HEADER = /^[ \t>*_]*(from|to|subject|cc|bcc|date|sent|reply-to|von|an|betreff|de|objet|para|asunto|oggetto|da|a|van|aan|onderwerp)[ \t]*:[ \t]*\S/i;
/** Header names that are also ordinary sentence openers ("To: …" alone is a list item): only counted with another header. */
const STRONG = new Set(["from", "subject", "reply-to", "von", "betreff", "objet", "asunto", "oggetto", "onderwerp"]);
const INLINE_HEADER = /(?:^|[\s*_|])(from|to|subject|cc|reply-to)[*_]*[ \t]*:[*_]*[ \t]+\S/gi;
const FENCE = /^[ \t>]*(?:`{3,}|~{3,})/;
const HIDING_OPEN = /<details\b|<!--|<div\b[^>]*\bhidden\b|<span\b[^>]*\bhidden\b|^\s*\[\/\/\]:\s*#/i;

export interface EnvelopeOptions {
  /** Skip texts that cannot hold a header (default true); false reads every line (for tests). */
  prefilter?: boolean;
}

export function detectEnvelope(raw: string, options: EnvelopeOptions = {}): InjectionHit | undefined {
  // Both header patterns need a literal colon: a text without one has no header line, and most
  // messages have none, so their lines are not split and matched at all.
  if ((options.prefilter ?? true) && !raw.includes(":")) return undefined;
  const headers = new Set<string>();
  for (const line of raw.split("\n", 400)) {
    const m = HEADER.exec(line);
    if (m?.[1]) headers.add(m[1].toLowerCase());
    // "**From:** ops-warden **To:** credential-broker" on one line.
    for (const inline of line.matchAll(INLINE_HEADER)) if (inline[1]) headers.add(inline[1].toLowerCase());
  }
  // Two distinct header names, one of them a strong one: an envelope, not a list.
  if (headers.size >= 2 && [...headers].some((h) => STRONG.has(h))) return { pattern: "forged-envelope (header-shaped lines)" };
  return undefined;
}

/**
 * A fenced block or a change block inside markup that hides or folds it: what the reader sees
 * and what a machine reads would differ. Depth of `<details>` and open comments is tracked per line.
 */
export function detectHiddenBlock(raw: string): InjectionHit | undefined {
  if (!HIDING_OPEN.test(raw) && !/warden-change/i.test(raw)) return undefined;
  let details = 0;
  let comment = false;
  for (const line of raw.split("\n")) {
    const hidden = details > 0 || comment;
    if (hidden && (FENCE.test(line) || /warden-change/i.test(line))) return { pattern: "hidden-block (a block inside collapsed or hidden markup)" };
    if (/^\s*\[\/\/\]:\s*#/.test(line) && /warden-change|```/.test(line)) return { pattern: "hidden-block (a block inside a link-reference comment)" };
    // One line can open and close a comment; what stays open carries over.
    for (const m of line.matchAll(/<!--|-->|<details\b|<\/details\s*>/gi)) {
      const token = m[0].toLowerCase();
      if (token === "<!--") comment = true;
      else if (token === "-->") comment = false;
      else if (token.startsWith("<details")) details += 1;
      else details = Math.max(0, details - 1);
    }
    if ((comment || details > 0) && /warden-change/i.test(line)) return { pattern: "hidden-block (a change block inside collapsed or hidden markup)" };
  }
  return undefined;
}
