import { terminalSafe } from "../domain/text-safety.ts";

/**
 * The CLI's last line of defence with colour on: every control character still prints as "?",
 * except the colour codes (SGR) the CLI's own painters emit — plain colours, bold, dim, reset.
 * Untrusted fields are filtered before they are painted (the plan's renderer, the log's fields),
 * so a colour code that reaches this point was written by the CLI. Only the codes those painters
 * use pass (styleText's bold, dim, red, green, yellow, cyan; pino-pretty's level colours and red
 * background): no black or white text that could hide a line, no cursor movement, no screen
 * clearing, no titles or links (OSC), no conceal or blink.
 */
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const SGR = /\u001b\[([0-9;]{0,20})m/gu;
const ALLOWED_SGR = new Set(["0", "1", "2", "22", "31", "32", "33", "34", "35", "36", "39", "41", "49", "90"]);

export function colourSafe(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(SGR)) {
    const params = (match[1] ?? "").split(";");
    if (!params.every((p) => ALLOWED_SGR.has(p))) continue;
    out += terminalSafe(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + terminalSafe(text.slice(last));
}
