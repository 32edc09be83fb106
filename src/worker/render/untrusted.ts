/**
 * Text that came from a message or a brain, made safe to embed in Markdown that GitHub renders:
 * it goes in a fenced block (no @-mentions that ping people, no HTML, no fake hidden markers),
 * with any fence inside it broken so it cannot close the block early.
 */
export function quoteUntrusted(text: string, maxChars = 4000): string {
  const bounded = text.length > maxChars ? `${text.slice(0, maxChars)}\n… (${text.length - maxChars} more characters not shown)` : text;
  const defused = bounded.replace(/`{3,}/g, (fence) => fence.split("").join("\u200b")).replace(/~{3,}/g, (fence) => fence.split("").join("\u200b"));
  return ["```text", defused, "```"].join("\n");
}

/** One line of untrusted text for a title: no newlines or control characters, bounded. */
export function oneLine(text: string, maxChars = 120): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}

/**
 * One line of untrusted text as an inline code span, so GitHub renders it inert (no mention,
 * link or HTML). The fence is one backtick longer than the longest run inside, so a backtick in
 * the text cannot close the span early (CommonMark code spans).
 */
export function inlineCode(text: string, maxChars = 120): string {
  const flat = oneLine(text, maxChars);
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // A space on each side keeps a leading or trailing backtick from merging with the fence.
  const padded = flat.startsWith("`") || flat.endsWith("`") ? ` ${flat} ` : flat;
  return `${fence}${padded || " "}${fence}`;
}
