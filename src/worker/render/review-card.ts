/**
 * The review card of a proposal: what the change adds, derived by code from the diff, so a
 * maintainer sees what it introduces before reading it — every host, URL, command, @-mention,
 * number and word new to the repository. Pure; each item is shown inert (inline code).
 */
import { LINK } from "../../policy/reply-gate.ts";
import { refang } from "../../policy/proposal-grammar.ts";
import { normalizeForScan } from "../../policy/secrets/index.ts";
import { MENTIONS, namedHosts } from "../../policy/text-grammar.ts";
import { inlineCode } from "../../domain/text-safety.ts";

export interface ReviewCard {
  hosts: string[];
  urls: string[];
  commands: string[];
  mentions: string[];
  numbers: string[];
  newWords: string[];
}

const MAX_ITEMS = 40;
const IP = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]*\d)/g;
const CODE_SPAN = /`([^`\n]{1,200})`/g;
const SHELL_LINE = /^\s*(?:\$|#)\s+(.{1,200})$/gm;
const NUMBER = /(?<![\w.])\d{2,}(?:\.\d+)*(?![\w])/g;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}_\-.]*[\p{L}\p{N}]|[\p{L}]/gu;

/** The lines of `after` that `before` does not have. */
export function addedLines(before: string, after: string): string {
  const old = new Set(before.split("\n"));
  return after
    .split("\n")
    .filter((line) => !old.has(line))
    .join("\n");
}

export function reviewCard(before: string, after: string, known: ReadonlySet<string>): ReviewCard {
  const added = normalizeForScan(addedLines(before, after));
  const plain = refang(added);
  const beforeText = normalizeForScan(before);
  const isNew = (item: string) => !beforeText.includes(item);
  const unique = (items: Iterable<string>) => [...new Set(items)].filter(isNew).slice(0, MAX_ITEMS);
  // Words of the repository and of the file as it was (YAML keys, the file's own names) are not new.
  const lowerKnown = new Set([...known, ...(beforeText.match(WORD) ?? [])].map((w) => w.toLowerCase()));
  return {
    hosts: unique([...namedHosts(plain), ...(plain.match(IP) ?? [])]),
    urls: unique(plain.match(LINK) ?? []),
    commands: unique([...[...added.matchAll(CODE_SPAN)].map((m) => m[1] ?? ""), ...[...added.matchAll(SHELL_LINE)].map((m) => m[1] ?? "")].filter((c) => c.trim())),
    mentions: unique([...added.matchAll(MENTIONS)].map((m) => m[0])),
    numbers: unique(added.match(NUMBER) ?? []),
    newWords: [...new Set((added.match(WORD) ?? []).filter((w) => !lowerKnown.has(w.toLowerCase())))].slice(0, MAX_ITEMS),
  };
}

/** The card as Markdown lines for a pull request body. */
export function renderReviewCard(card: ReviewCard): string[] {
  const row = (label: string, items: readonly string[]) => `- **${label}:** ${items.length === 0 ? "none" : items.map((i) => inlineCode(i, 80)).join(", ")}`;
  return [
    "### Review card (derived from the diff by ops-warden: what this change adds)",
    row("Hosts", card.hosts),
    row("URLs", card.urls),
    row("Commands", card.commands),
    row("@-mentions", card.mentions),
    row("Numbers", card.numbers),
    row("Words new to the repository", card.newWords),
  ];
}
