/**
 * Secrets stated next to a keyword: `password=…`, `DB_PASSWORD: …`, "the password is hunter2",
 * "log in with password …", `;Password=…;` in connection strings, `--password …` flags.
 *
 * Speed: ops messages mention passwords and tokens all the time, so running these patterns over
 * the whole text at every position is the most expensive part of a scan. Instead one pass finds
 * the keywords, and each pattern runs sticky (`y`) from the start of the keyword's compound name.
 */
import type { SecretFinding } from "../../domain/secrets.ts";
import { isPasswordLike, isPlaceholder, isReference, isWordy, trimProse } from "./value-checks.ts";

const ANCHOR = /pass|pwd|pw|secret|token|key|cred/gi;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
const TWO_WORD_QUALIFIER = /(?<![A-Za-z0-9])(?:api|access|secret|client|account) $/i;

/** Quoted (`qv`) or bare (`v`) value; bare values stop at whitespace and quotes. */
const VALUE = String.raw`(?:(?<q>["'\x60])(?<qv>[^"'\x60\n]{1,200})\k<q>|(?<v>[^\s"'\x60]{1,200}))`;
/** Secret-bearing names, also as the last word of env/config keys (`BILLING_DB_PASSWORD`). */
const KEY = String.raw`(?<key>(?:[A-Za-z0-9]+[_.-])*(?:pass(?:word|wd|phrase)?|pwd|pw|secret|token|api[_ .-]?key|apikey|access[_ .-]?key|secret[_ .-]?key|client[_ .-]?secret|credentials?|creds|account[_ .-]?key))(?![A-Za-z0-9])`;

const ASSIGNMENT = new RegExp(String.raw`${KEY}["']?(?<pre>[ \t]*)(?::=|=>|=|:)(?<post>[ \t]*)${VALUE}`, "yi");
const PROSE = new RegExp(
  String.raw`${KEY}(?:\s+(?:for|of|on|in|to|at)(?:\s+the)?\s+[\w./@:-]+){0,2}\s+(?:is(?:\s+now|\s+set\s+to)?|was(?:\s+set\s+to)?|(?:has\s+been\s+)?(?:set|changed|reset)\s+to|now\s+is|equals)\s+${VALUE}`,
  "yi",
);
const WITH_KEYWORD = new RegExp(String.raw`(?<key>password|passphrase|pwd|token)\s+${VALUE}`, "yi");
const WITH_BEFORE = /\b(?:with|using|use)\s+(?:the\s+)?$/i;
const FLAG = new RegExp(String.raw`(?<key>password|passwd|pass|token|api-key|secret)(?:=|[ \t]+)${VALUE}`, "yi");
const CONNECTION_PARAM = /(?:password|pwd|passwd|pass|accountkey|sharedaccesskey)\s*=\s*(?<v>[^;&\s"']+)/iy;

/** Tokens that are not credentials: pagination cursors, CSRF nonces, LLM token counts. */
const NOT_A_CREDENTIAL_KEY = /(?:page|next|prev|continuation|sync|cursor|csrf|xsrf|max|min|num|total|count|input|output)[_ .-]?token$/i;

type Form = "tight" | "spaced" | "prose";

export function scanKeywordSecrets(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  let lastStart = -1;
  const run = { anchor: -1, start: -1 };
  ANCHOR.lastIndex = 0;
  for (let a = ANCHOR.exec(text); a; a = ANCHOR.exec(text)) {
    // A keyword inside a value already found is redacted with it: reading on from there again
    // would cost up to a value's length per keyword ("_PW=_PW=_PW=…").
    const found = out.at(-1);
    if (found && a.index < found.end) continue;
    const raw = runStart(text, a.index, run);
    if (raw === lastStart) continue;
    lastStart = raw;
    const start = nameStart(text, raw, a.index);
    const before = text.slice(Math.max(0, start - 12), start);
    const prev = text[start - 1] ?? "";
    if (prev !== "" && ";?&".includes(prev)) push(out, "connection-string", sticky(CONNECTION_PARAM, text, start), (m) => !isPlaceholder(m.groups?.v ?? ""));
    if (before.endsWith("--")) push(out, "password-in-text", sticky(FLAG, text, start), (m) => accept(m, "tight"));
    push(out, "password-in-text", sticky(ASSIGNMENT, text, start), (m) => accept(m, m.groups?.pre === "" && m.groups?.post === "" ? "tight" : "spaced"));
    push(out, "password-in-text", sticky(PROSE, text, start), (m) => accept(m, "prose"));
    if (WITH_BEFORE.test(before)) push(out, "password-in-text", sticky(WITH_KEYWORD, text, start), (m) => accept(m, "prose"));
  }
  return out;
}

/**
 * Start of the compound name around a keyword: `BILLING_DB_` in `BILLING_DB_PASSWORD`, `x-` in
 * `x-api-key`, and the qualifier of two-word names (`api key`, `client secret`).
 */
function nameStart(text: string, raw: number, index: number): number {
  let start = raw;
  while (start < index && !/[A-Za-z0-9]/.test(text[start] ?? "")) start++;
  const qualifier = TWO_WORD_QUALIFIER.exec(text.slice(Math.max(0, start - 8), start));
  return qualifier ? start - qualifier[0].length : start;
}

/**
 * Where the run of name characters holding the keyword at `index` starts. The walk back stops at
 * the previous keyword: a run is walked once, however many keywords it holds ("passpass…" or
 * "a.pass.pass…" would otherwise cost quadratic time).
 */
function runStart(text: string, index: number, run: { anchor: number; start: number }): number {
  let start = index;
  while (start > 0 && start > run.anchor && NAME_CHAR.test(text[start - 1] ?? "")) start--;
  const raw = start === run.anchor && run.anchor >= 0 ? run.start : start;
  run.anchor = index;
  run.start = raw;
  return raw;
}

function sticky(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/**
 * The value is the last part of every pattern, so its position follows from the match's end
 * (a closing quote after a quoted value): no `d` flag, whose index arrays cost more than the
 * match itself, and most matches are then rejected by `accept`.
 */
function push(out: SecretFinding[], rule: string, m: RegExpExecArray | null, ok: (m: RegExpExecArray) => boolean): void {
  if (!m || !ok(m)) return;
  const end = m.index + m[0].length;
  const quoted = m.groups?.qv;
  if (quoted !== undefined) {
    out.push({ rule: `warden/${rule}`, start: end - 1 - quoted.length, end: end - 1 });
    return;
  }
  const bare = m.groups?.v;
  if (!bare) return;
  const length = trimProse(bare).length;
  if (length > 0) out.push({ rule: `warden/${rule}`, start: end - bare.length, end: end - bare.length + length });
}

function accept(m: RegExpExecArray, form: Form): boolean {
  const key = m.groups?.key ?? "";
  const quoted = m.groups?.qv !== undefined;
  const value = quoted ? (m.groups?.qv ?? "") : trimProse(m.groups?.v ?? "");
  if (NOT_A_CREDENTIAL_KEY.test(key) || isPlaceholder(value) || isReference(value)) return false;
  const passwordFamily = /pass|pwd|pw/i.test(key);
  // "the secret is billing-db-creds": for tokens and secrets, a name made of words is a name.
  if (!passwordFamily && isWordy(value)) return false;
  if (quoted) return value.length >= 3 && (form !== "prose" || !/\s/.test(value));
  // `pwd=hunter`, `DB_PASSWORD: hunter`: config syntax, so any value is a value.
  if (form === "tight" || /[_A-Z]/.test(key.slice(1))) return value.length >= 3;
  // Prose and `password: x`: the value must not read as a word ("the password is stored in…").
  if (form === "prose") return value.length >= 6 && isPasswordLike(value);
  return value.length >= 4 && isPasswordLike(value);
}
