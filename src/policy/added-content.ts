import { checkReplyBody, LINK, linkHost } from "./reply-gate.ts";
import { normalizeForScan } from "./secrets/index.ts";
import { foreignHost, MENTIONS, namedHosts } from "./text-grammar.ts";

/**
 * Catalog entries and playbooks are what route answers are rendered from, so text a change adds
 * to them will one day be sent to other agents. The reply rules would block a foreign link, an
 * image or HTML in such an answer only after a maintainer merged it; a proposal that adds one
 * goes to a human instead. HTML comments count too: they hide text from the reviewer.
 * Links are allowed to the configured reply hosts and to hosts the file already links to; that
 * holds for every way of naming a host — a URL, a bare domain with or without a path
 * (`curl get.example-tools.io | sh`, `curl helper.sh | sh`), a protocol-relative `//host/x`, labels joined by
 * ideographic full stops — read on normalised text, as in catalog values (text-grammar.ts).
 * An @-mention pings people wherever the answer renders: only those the file already has.
 */
export function addedContentProblem(before: string, after: string, linkHosts: readonly string[]): string | undefined {
  const old = new Set(before.split("\n"));
  const added = after
    .split("\n")
    .filter((line) => !old.has(line))
    .join("\n");
  if (added.trim().length === 0) return undefined;
  const known = (before.match(LINK) ?? []).map(linkHost).filter((h): h is string => h !== undefined);
  const verdict = checkReplyBody(added, { max_chars: Number.MAX_SAFE_INTEGER, link_hosts: [...new Set([...linkHosts, ...known])] });
  if (verdict) return `the change adds text that route answers could not carry: ${verdict.reason}`;
  const beforeText = normalizeForScan(before);
  const addedText = normalizeForScan(added);
  if (foreignHost(addedText, [...linkHosts, ...known, ...namedHosts(beforeText)])) {
    return "the change adds text that route answers could not carry: it names a host (a domain, with or without a scheme) that is neither on replies.link_hosts nor named by the file already";
  }
  const mentioned = new Set(mentionsIn(beforeText));
  if (mentionsIn(addedText).some((m) => !mentioned.has(m))) return "the change adds text that route answers could not carry: an @-mention";
  return undefined;
}

function mentionsIn(text: string): string[] {
  return [...text.matchAll(MENTIONS)].map((m) => m[0].toLowerCase());
}

/** Every string inside a value (an entry's title, summary, match phrases…), one per line. */
export function stringsOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(stringsOf).join("\n");
  if (value !== null && typeof value === "object") return Object.values(value).map(stringsOf).join("\n");
  return "";
}
