import type { ChainHead } from "../../audit/chain.ts";
import type { ChainBreak } from "../../audit/verify.ts";
import { ChainVerifier } from "../../audit/verify.ts";
import { listAuditFiles, readAuditLines, readSavedHead } from "./files.ts";

export interface TrailVerification {
  files: number;
  records: number;
  /** The first broken line; undefined when the whole chain holds. */
  problem?: ChainBreak;
  /** The last record's number and hash, when the whole chain holds: compare with the heads the job summaries and the hub recorded. */
  head?: ChainHead;
}

/** Verifies the whole chain, oldest file first, streaming: constant memory at any size. */
export async function verifyTrail(dir: string): Promise<TrailVerification> {
  const files = await listAuditFiles(dir);
  const verifier = new ChainVerifier(await readSavedHead(dir));
  let last = { file: files.at(-1) ?? "(none)", line: 0 };
  for await (const line of readAuditLines(dir)) {
    const checked = verifier.check(line.text, line);
    if (!checked.ok) return { files: files.length, records: verifier.head.seq, problem: checked.problem };
    last = line;
  }
  const problem = verifier.checkEnd({ file: last.file, line: last.line + 1 });
  return { files: files.length, records: verifier.head.seq, ...(problem ? { problem } : verifier.head.seq > 0 ? { head: verifier.head } : {}) };
}
