import { terminalSafe } from "../domain/text-safety.ts";

/**
 * The CLI's last line of defence with colour on: every control character still prints as "?",
 * except the colour codes (SGR) the CLI's own painters emit — plain colours, bold, dim, reset.
 * Untrusted fields are filtered before they are painted (the plan's renderer, the log's fields),
 * so a colour code that reaches this point was written by the CLI. Nothing else survives: no
 * cursor movement, no screen clearing, no titles or links (OSC), no conceal or blink.
 */
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const SGR = /\u001b\[([0-9;]{0,20})m/gu;
const ALLOWED_SGR = new Set(["", "0", "1", "2", "22", "3", "23", "4", "24", ...range(30, 37), "39", ...range(40, 47), "49", ...range(90, 97)]);

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

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}
