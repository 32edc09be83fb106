/**
 * The one home of text safety: every printer and renderer that shows text from a message, a
 * brain or a hub passes it through here. Terminals get no control characters (ESC sequences
 * that hide or overwrite lines) and no format characters (bidi overrides, embeddings and
 * isolates that display text reversed, zero-width and tag characters that hide it); one-line
 * fields stay on one line; Markdown that GitHub renders gets untrusted text only inside code
 * spans and fenced blocks.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\p{Cf}]/gu;
// eslint-disable-next-line no-control-regex -- as above, keeping tab and newline
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}]/gu;

/**
 * Whole terminal output: control characters and format characters (Unicode category Cf: bidi
 * controls U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C, zero-width and tag characters)
 * print as "?"; tabs and newlines keep the layout.
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL_BUT_LAYOUT, "?");
}

/** One terminal cell of untrusted text: every control and format character as "?", bounded. */
export function printable(text: string, maxChars: number): string {
  return bounded(text.replace(CONTROL, "?"), maxChars);
}

/** Untrusted text reduced to printable ASCII, bounded with "...": for reasons that quote it. */
export function asciiOnly(text: string, maxChars: number): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, "?");
  return ascii.length > maxChars ? `${ascii.slice(0, maxChars - 3)}...` : ascii;
}

function bounded(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

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
  // eslint-disable-next-line no-control-regex -- C0 and DEL become spaces; C1 is left to terminalSafe
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  return bounded(flat, maxChars);
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
