/**
 * Where a `warden-change` block counts: only at the top level of the message, as the sender's
 * own request. A block inside a quote (`>`), inside `<details>`, inside an HTML comment, inside
 * a code fence of another language, or after a forwarded / "do not apply" marker is text the
 * sender is showing, not asking for. One pass over the lines; each line is looked at once.
 */
export interface ChangeBlocks {
  /** The YAML inside each top-level block, in order. */
  topLevel: string[];
  /** The message with every top-level block removed: what is left to answer. */
  rest: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)/;
/** After one of these, what follows is someone else's message or is marked as not to be applied. */
const NOT_OURS =
  /^[ \t>]*(?:-{2,}[ \t]*)?(?:forwarded message|begin forwarded message|original message)\b|^[ \t>]*(?:fwd?|forwarded)[ \t]*:|\bforwarded\s+(?:from|by)\b|\b(?:do\s+not|don'?t|please\s+don'?t|not\s+to\s+be)\s+(?:apply|applied|execute|run|merge)\b|\bfor\s+(?:reference|information)\s+only\b|\bfyi\b|\bweitergeleitet\b|\bnicht\s+anwenden\b|\bne\s+pas\s+appliquer\b|\btransf[eé]r[eé]\b/i;

export function findChangeBlocks(body: string): ChangeBlocks {
  const lines = body.split("\n");
  const topLevel: string[] = [];
  const rest: string[] = [];
  let fence: { marker: string; counted: boolean; lines: string[] } | undefined;
  let inComment = false;
  let details = 0;
  let notOurs = false;
  for (const line of lines) {
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]?.[0] === fence.marker[0] && (close[1]?.length ?? 0) >= fence.marker.length && close[2] === "") {
        if (fence.counted) topLevel.push(fence.lines.join("\n"));
        else rest.push(line);
        fence = undefined;
      } else if (fence.counted) fence.lines.push(line);
      else rest.push(line);
      continue;
    }
    if (inComment) {
      if (line.includes("-->")) inComment = false;
      rest.push(line);
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      const counted = open[2]?.toLowerCase() === "warden-change" && details === 0 && !notOurs;
      fence = { marker: open[1] ?? "```", counted, lines: [] };
      if (!counted) rest.push(line);
      continue;
    }
    const commentStart = line.lastIndexOf("<!--");
    if (commentStart >= 0 && line.indexOf("-->", commentStart) < 0) inComment = true;
    details += (line.match(/<details\b/gi) ?? []).length - (line.match(/<\/details\s*>/gi) ?? []).length;
    if (details < 0) details = 0;
    if (NOT_OURS.test(line)) notOurs = true;
    rest.push(line);
  }
  // An unclosed block is still the sender's (CommonMark closes it at the end of the message).
  if (fence?.counted) topLevel.push(fence.lines.join("\n"));
  return { topLevel, rest: rest.join("\n") };
}
