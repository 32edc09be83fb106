import { styleText } from "node:util";
import type { PlanStyle, Tone } from "../worker/plan/plan-style.ts";
import { PLAIN } from "../worker/plan/plan-style.ts";
import type { CliIO } from "./io.ts";

/** Piped output is read by programs and diffed by people: it has a fixed width. */
const PIPED_WIDTH = 120;
const MIN_WIDTH = 60;

/** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org) or TERM=dumb. */
export function colourWanted(io: CliIO, stream: "out" | "err" = "out"): boolean {
  if (!io.tty?.[stream]) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  return io.env.TERM !== "dumb";
}

/** The plan style for this output: the terminal's width, symbols and colour on a TTY; plain when piped. */
export function planStyle(io: CliIO): PlanStyle {
  if (!io.tty?.out) return PLAIN;
  const width = Math.max(MIN_WIDTH, io.tty.columns ?? PIPED_WIDTH);
  // The renderer filters every untrusted field before painting; the CLI's output filter then lets
  // these colour codes, and only these, through.
  const colour = colourWanted(io);
  return { width, symbols: true, paint: colour ? paint : (_tone, text) => text };
}

const FORMATS: Record<Tone, Parameters<typeof styleText>[0]> = { green: "green", yellow: "yellow", red: "red", cyan: "cyan", dim: "dim", bold: "bold" };

function paint(tone: Tone, text: string): string {
  // styleText itself checks the stream on newer Node versions; the decision was made above.
  return styleText(FORMATS[tone], text, { validateStream: false });
}
