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
