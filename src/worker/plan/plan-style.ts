/**
 * How a plan is printed: the width to fit, whether symbols are used, and how a piece of trusted
 * plan structure is coloured. The CLI builds one from the terminal (colour and symbols on a TTY,
 * none with NO_COLOR or when piped); rendering stays pure.
 */
export type Tone = "green" | "yellow" | "red" | "cyan" | "dim" | "bold";

export interface PlanStyle {
  /** Columns every line must fit in. */
  width: number;
  symbols: boolean;
  /** Colours text the plan itself wrote; untrusted text is made safe before it gets here. */
  paint(tone: Tone, text: string): string;
}

/** Piped output and tests: no colour, no symbols, 120 columns. */
export const PLAIN: PlanStyle = { width: 120, symbols: false, paint: (_tone, text) => text };

/**
 * Untrusted text (a subject, a sender, a reason) on one line: control characters — ESC
 * sequences that hide or overwrite lines, vertical tabs — are shown as "?", runs of whitespace
 * become one space, and it is cut at `max` characters.
 */
export function safeLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const flat = text.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?").replace(/\s+/g, " ").trim();
  return fit(flat, max);
}

/** Display width, counted in code points (what a monospace terminal shows for most text). */
export function width(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** `text` cut to `cols` columns with "…" when it is longer. */
export function fit(text: string, cols: number): string {
  if (width(text) <= cols) return text;
  return `${[...text].slice(0, Math.max(0, cols - 1)).join("")}…`;
}
