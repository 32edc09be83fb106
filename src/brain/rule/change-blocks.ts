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
const NOT_OURS = new RegExp(
  [
    // forwarded or quoted whole, in the languages the estate writes in (headers on a line of
    // their own here; the forward words below are read anywhere in a line)
    String.raw`^[ \t>]*(?:-{2,}[ \t]*)?(?:forwarded message|begin forwarded message|original message|urspr[uü]ngliche nachricht|message transmis|message d'origine|mensaje original|messaggio originale|mensagem original|oorspronkelijk bericht)\b`,
    String.raw`^[ \t>]*(?:fwd?|fw|wg|tr|rv|enc|doorst)[ \t]*:`,
    String.raw`\bforwarded\s+(?:from|by)\b|\bweitergeleitet|\btransf[eé]r[eé]|\breenviado|\binoltrato|\bencaminhad[oa]|\bdoorgestuurd`,
    // a quote header: "On Tuesday, Alice wrote:", "Bob schrieb:", "Carol a écrit :"
    String.raw`\b(?:wrote|writes|schrieb|a\s+[eé]crit|escribi[oó]|ha\s+scritto|escreveu|schreef)\b[^\n]{0,80}:\s*$`,
    // marked as not to be applied, or as an example
    String.raw`\b(?:do\s+not|don'?t|please\s+don'?t|not\s+to\s+be|never)\s+(?:apply|applied|execute|run|merge)\b|\bfor\s+(?:reference|information|illustration)\s+only\b|\bfyi\b|\bnicht\s+anwenden\b|\bne\s+pas\s+appliquer\b|\bno\s+aplicar\b|\bnon\s+applicare\b|\bniet\s+toepassen\b`,
    String.raw`\b(?:this\s+is|here\s+is|here'?s|just|only|purely)\s+(?:an?\s+)?(?:example|sample|illustration)\b|\b(?:example|sample)\s+only\b|\bnot\s+a\s+real\s+(?:request|change)\b|\bnur\s+ein\s+beispiel\b|\bjuste\s+un\s+exemple\b|\bsolo\s+un\s+(?:ejemplo|esempio)\b|\bapenas\s+um\s+exemplo\b|\balleen\s+een\s+voorbeeld\b`,
  ].join("|"),
  "i",
);
/** The subject says the whole message is someone else's ("Fwd: …", "WG: …", "TR: …"). */
const FORWARDED_SUBJECT = /^\s*(?:fwd?|fw|wg|tr|rv|enc|doorst)\s*:/i;
/**
 * HTML that hides what it holds from a reader: a block inside is not the sender's request. A tag
 * is read up to the next `<` or `>`, so a line of unclosed `<a <a <a …` costs linear time.
 */
const TAG_OPEN = /<([a-z][\w-]*)([^<>]{0,400})>/gi;
const ALWAYS_HIDDEN = new Set(["template", "noscript", "script", "style"]);
const HIDING_ATTRIBUTE = /\bhidden\b|aria-hidden\s*=\s*["']?true|display\s*:\s*none|visibility\s*:\s*hidden/i;

export function findChangeBlocks(body: string, subject = ""): ChangeBlocks {
  const lines = body.split("\n");
  const topLevel: string[] = [];
  const rest: string[] = [];
  let fence: { marker: string; counted: boolean; lines: string[] } | undefined;
  let inComment = false;
  let details = 0;
  const hiding: string[] = [];
  let notOurs = FORWARDED_SUBJECT.test(subject);
  let afterQuote = false;
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
    // A blank line opens nothing and marks nothing (and a message of blank lines stays cheap).
    if (line.trim() === "") {
      rest.push(line);
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      // A block right after a quoted paragraph belongs to what was quoted.
      const counted = open[2]?.toLowerCase() === "warden-change" && details === 0 && hiding.length === 0 && !notOurs && !afterQuote;
      fence = { marker: open[1] ?? "```", counted, lines: [] };
      if (!counted) rest.push(line);
      continue;
    }
    const commentStart = line.lastIndexOf("<!--");
    if (commentStart >= 0 && line.indexOf("-->", commentStart) < 0) inComment = true;
    if (line.includes("<")) {
      details += (line.match(/<details\b/gi) ?? []).length - (line.match(/<\/details\s*>/gi) ?? []).length;
      if (details < 0) details = 0;
      trackHiding(line, hiding);
    }
    if (NOT_OURS.test(line)) notOurs = true;
    afterQuote = /^\s*>/.test(line);
    rest.push(line);
  }
  // An unclosed block is still the sender's (CommonMark closes it at the end of the message).
  if (fence?.counted) topLevel.push(fence.lines.join("\n"));
  return { topLevel, rest: rest.join("\n") };
}

/** Opens and closes of hiding HTML on one line, as a stack of tag names. */
function trackHiding(line: string, hiding: string[]): void {
  for (const m of line.matchAll(TAG_OPEN)) {
    const tag = (m[1] ?? "").toLowerCase();
    if (ALWAYS_HIDDEN.has(tag) || HIDING_ATTRIBUTE.test(m[2] ?? "")) hiding.push(tag);
  }
  for (const m of line.matchAll(/<\/([a-z][\w-]*)\s*>/gi)) {
    const at = hiding.lastIndexOf((m[1] ?? "").toLowerCase());
    if (at >= 0) hiding.splice(at);
  }
}
