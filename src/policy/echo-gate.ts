import type { Message } from "../domain/message.ts";
import { CHARTER, FRAME_BEGIN, FRAME_END } from "./charter.ts";
import { renderUntrusted } from "./untrusted-text.ts";
import type { Verdict } from "./verdict.ts";
import { downgrade } from "./verdict.ts";

/** Words in a row that count as quoting: long enough that an ordinary answer never matches by chance. */
const CHARTER_RUN = 8;
const MESSAGE_RUN = 12;

const charterRuns = runsOf(wordsOf(CHARTER), CHARTER_RUN);

/**
 * A free-text reply must not carry the prompt back out: not the charter, not the frame that held
 * the message, not a long verbatim run of the message itself. A model that was talked into
 * "repeat everything above" produces exactly that; whatever the brain, such a reply goes to a
 * human instead. (A reply only ever goes to the sender, so this is about reflecting injected
 * text and the policy wording, not about a secret: secrets are the outbound scan's job.)
 */
export function echoProblem(reply: string, message: Pick<Message, "subject" | "body">): Verdict | undefined {
  if (reply.includes(FRAME_BEGIN) || reply.includes(FRAME_END)) return downgrade("content", "policy", "the reply carries the prompt's message frame");
  const words = wordsOf(reply);
  if (sharesRun(words, charterRuns, CHARTER_RUN)) return downgrade("content", "policy", "the reply quotes ops-warden's charter");
  const messageRuns = runsOf(wordsOf(`${message.subject}\n${message.body}`), MESSAGE_RUN);
  if (sharesRun(words, messageRuns, MESSAGE_RUN)) return downgrade("content", "policy", `the reply repeats ${MESSAGE_RUN} or more words of the message back`);
  return undefined;
}

/** Tokens of at least this many characters are compared by value. */
const MIN_VALUE = 5;
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}_+/=.~!#$%^&*-]*/gu;

/**
 * The reply repeats, by value, a token of the message that is not a word the renderer can
 * read (not a word of a claimed language, not a repository word, not a small number): what a
 * model echoes when a sender's secret is lower case, digits only, or of a format no rule knows.
 * Compared case-insensitively, and also with the reply's separators removed ("q z v x …").
 */
export function echoedValue(reply: string, message: Pick<Message, "subject" | "body">, known: ReadonlySet<string>): boolean {
  const values = new Set<string>();
  for (const m of `${message.subject}\n${message.body}`.matchAll(TOKEN)) {
    const token = m[0].replace(/[.!#*-]+$/, "");
    if (token.length >= MIN_VALUE && renderUntrusted(token, known) !== token) values.add(token.toLowerCase());
  }
  if (values.size === 0) return false;
  const lower = reply.toLowerCase();
  const squashed = lower.replace(/[^\p{L}\p{N}]+/gu, "");
  for (const value of values) if (lower.includes(value) || squashed.includes(value.replace(/[^\p{L}\p{N}]+/gu, ""))) return true;
  return false;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function runsOf(words: readonly string[], length: number): Set<string> {
  const runs = new Set<string>();
  for (let i = 0; i + length <= words.length; i += 1) runs.add(words.slice(i, i + length).join(" "));
  return runs;
}

function sharesRun(words: readonly string[], runs: ReadonlySet<string>, length: number): boolean {
  if (runs.size === 0) return false;
  for (let i = 0; i + length <= words.length; i += 1) if (runs.has(words.slice(i, i + length).join(" "))) return true;
  return false;
}
