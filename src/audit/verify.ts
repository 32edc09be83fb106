import type { ChainHead } from "./chain.ts";
import { EMPTY_HEAD, openLine } from "./chain.ts";
import type { AuditRecord } from "./records.ts";
import { parseRecord } from "./records.ts";

/** Where a line lives: the file (relative to the audit directory) and its 1-based line number. */
export interface LineLocation {
  file: string;
  line: number;
}

export interface ChainBreak extends LineLocation {
  reason: string;
}

export type CheckedLine = { ok: true; record: AuditRecord } | { ok: false; problem: ChainBreak };

/**
 * Checks lines one at a time, in chain order, so a trail of any length is verified in constant
 * memory. The first failure is the answer: every later line depends on the broken one.
 */
export class ChainVerifier {
  private current: ChainHead = EMPTY_HEAD;

  /**
   * `recorded` is the head the writer saved after its last flush. It may lag the file (a writer
   * that died between appending and saving it), but the file must pass through it.
   */
  constructor(private readonly recorded?: ChainHead) {}

  get head(): ChainHead {
    return this.current;
  }

  check(text: string, where: LineLocation): CheckedLine {
    const fail = (reason: string): CheckedLine => ({ ok: false, problem: { ...where, reason } });
    const opened = openLine(text);
    if (!opened) return fail("the line has no chain hash (not written by ops-warden, or cut short)");
    if (!opened.intact) return fail("the line's content does not match its hash: the line was edited");
    const parsed = parseRecord(opened.body);
    if (!parsed) return fail("the line is not a valid audit record");
    if (parsed.prev !== this.current.hash || parsed.seq !== this.current.seq + 1) {
      return fail(`the line does not follow record ${this.current.seq}: a line was deleted, inserted or moved here`);
    }
    if (parsed.seq === this.recorded?.seq && opened.hash !== this.recorded.hash) {
      return fail(`the line is not the record ${parsed.seq} the writer recorded last: the trail was rewritten from here`);
    }
    this.current = { seq: parsed.seq, hash: opened.hash };
    return { ok: true, record: parsed };
  }

  /** After the last line: the trail must reach the head the writer last recorded. */
  checkEnd(where: LineLocation): ChainBreak | undefined {
    const recorded = this.recorded;
    if (!recorded || recorded.seq <= this.current.seq) return undefined;
    return { ...where, reason: `the trail ends at record ${this.current.seq} but ${recorded.seq} were written: lines were removed from the end` };
  }
}
