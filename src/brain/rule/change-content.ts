import { checkReplyBody } from "../../policy/reply-gate.ts";

/**
 * Catalog entries and playbooks are what route answers are rendered from, so text a change adds
 * to them will one day be sent to other agents. The reply rules would block a foreign link,
 * an image or HTML in that answer only after a maintainer merged it; the RuleBrain does not
 * propose such a change at all: links to hosts the file does not already link to, images and
 * markup (comments included, which hide text from the reviewer) go to a human instead.
 */
const LINK = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>()"'`]+|\bwww\.[^\s<>()"'`]+/gi;

/** Why the text added by a change needs a human, or undefined when it adds plain text only. */
export function addedMarkupProblem(before: string, after: string): string | undefined {
  const old = new Set(before.split("\n"));
  const added = after
    .split("\n")
    .filter((line) => !old.has(line))
    .join("\n");
  if (added.trim().length === 0) return undefined;
  const known = [...new Set((before.match(LINK) ?? []).map(hostOf).filter((h): h is string => h !== undefined))];
  const verdict = checkReplyBody(added, { max_chars: Number.MAX_SAFE_INTEGER, link_hosts: known });
  return verdict ? `the change adds text that route answers could not carry: ${verdict.reason}` : undefined;
}

/** Every string inside a value (an entry's title, summary, match phrases…), one per line. */
export function stringsOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(stringsOf).join("\n");
  if (value !== null && typeof value === "object") return Object.values(value).map(stringsOf).join("\n");
  return "";
}

function hostOf(link: string): string | undefined {
  try {
    return new URL(link.startsWith("www.") ? `https://${link}` : link).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
