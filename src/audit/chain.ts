import { hash } from "node:crypto";

/**
 * The hash chain that makes the audit trail tamper-evident. Every line is a JSON object whose
 * `prev` is the hash of the line before it (across rotated files) and whose last field `hash` is
 * the SHA-256 of the line's own text up to that field. So an edited line fails its own hash, and a
 * deleted, inserted or reordered line fails the `prev` link at the position where it happened.
 * The hash covers the exact bytes written, so verifying never depends on re-serialising JSON.
 */
export const GENESIS = "0".repeat(64);

export interface ChainHead {
  /** Records written so far (the last line's `seq`). */
  seq: number;
  /** Hash of the last line, `GENESIS` before the first. */
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS };

export interface SealedLine {
  line: string;
  head: ChainHead;
}

/** Appends `record` to the chain after `head`. The record must not have `seq`, `prev` or `hash`. */
export function sealRecord(record: Record<string, unknown>, head: ChainHead): SealedLine {
  const seq = head.seq + 1;
  const body = JSON.stringify({ seq, prev: head.hash, ...record });
  const digest = hash("sha256", body, "hex");
  return { line: `${body.slice(0, -1)},"hash":"${digest}"}`, head: { seq, hash: digest } };
}

const SEAL_PREFIX = ',"hash":"';
/** `,"hash":"` + 64 hex digits + `"}`: the seal is always the last 75 characters of a line. */
const SEAL_LENGTH = SEAL_PREFIX.length + 64 + 2;
const HEX64 = /^[0-9a-f]{64}$/;

export interface OpenedLine {
  /** The line as it was before sealing: what the hash covers. */
  body: string;
  hash: string;
  /** True when `hash` is the hash of `body`: the line is as it was written. */
  intact: boolean;
}

/** Splits a line into its body and seal; undefined when the line has no seal at all. */
export function openLine(line: string): OpenedLine | undefined {
  // Read at fixed offsets rather than by a regex: verifying a trail of millions of lines is
  // dominated by per-line costs.
  const at = line.length - SEAL_LENGTH;
  if (at < 1 || !line.endsWith('"}') || !line.startsWith(SEAL_PREFIX, at)) return undefined;
  const sealed = line.slice(at + SEAL_PREFIX.length, line.length - 2);
  if (!HEX64.test(sealed)) return undefined;
  const body = `${line.slice(0, at)}}`;
  return { body, hash: sealed, intact: hash("sha256", body, "hex") === sealed };
}
