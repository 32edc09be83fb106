/**
 * Recognises text that addresses instructions to the bot instead of asking it something: role
 * overrides, fake system or tool turns, forged envelopes and policy notices, attempts to reach
 * .github/ or to merge. A hit does not make anything safe or unsafe by itself (the guardrails
 * hold for any brain output); it makes the deterministic planner escalate the message for a
 * human instead of acting on it, and it is recorded so the audit shows why. Input must already
 * be normalised (`normalizeForScan`).
 *
 * The patterns aim at instructions, not at words: "act as a proxy", "runs on push to main" or
 * "the workflow in .github/workflows/release.yml needs a role" are ordinary routing prose.
 */
import { addressedToSystem } from "./addressee.ts";

const ROLE_LINE = String.raw`(?:^|\n)[ \t>*-]*(?:#+[ \t]*)?`;
/** Verbs that make a sentence about a .github/ path a request to change it. */
const REPO_WRITE =
  String.raw`add|append|insert|edit|change|modify|update|write|create|commit|delete|remove|replace|put|patch|push|merge|overwrite|rewrite|touch|disable|enable|set|drop|include|fix|contains?|contents?|should|must|make|open\s+a\s+(?:pr|pull\s+request)`;
/** "on push to main", "after the merge to main", "we push to main": when it happens, not a request. */
const NOT_A_REQUEST = String.raw`(?<!\b(?:(?:on|every|each|after|per|when|before|until|upon)(?:\s+(?:a|the|each|every|any))?|we|they|i|our|their|its)\s)`;

/**
 * A pattern and, for the costly ones (alternations that irregexp must try at every position),
 * gates: case-insensitive alternations of literals such that EVERY match of the pattern contains
 * a literal of EACH gate. When a gate does not match, the pattern cannot, and is not run. Each
 * gate's literals are read off its pattern's alternatives (noted beside it); the property test in
 * test/policy/injection-prefilter.property.test.ts checks gated and ungated detection agree.
 */
interface InjectionPattern {
  name: string;
  pattern: RegExp;
  gates?: readonly RegExp[];
}

const PATTERNS: readonly InjectionPattern[] = [
  {
    name: "ignore-instructions",
    pattern: /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|all|any|your|the|system)\b[^.\n]{0,30}\b(?:instructions?|rules?|prompts?|polic(?:y|ies)|guardrails?|charter|directives?|constraints?)/i,
    // The thing ignored, and the verb.
    gates: [/instruction|rule|prompt|polic|guardrail|charter|directive|constraint/i, /ignore|disregard|forget|override|bypass|skip/i],
  },
  {
    name: "role-override",
    pattern:
      /\b(?:you are now|you are no longer|from now on,? you|pretend (?:to be|you are)|(?:your|these are your|here are your|follow the|follow these) new (?:system )?instructions?|(?:new|updated) (?:system )?instructions? (?:for|to) (?:you|ops-warden|the bot|the assistant|the model)|(?:new|updated) (?:system )?instructions? (?:follow|below|apply)|instructions? (?:say|says|state) (?:that )?you (?:may|can|must|should|are)|developer mode|jailbreak|DAN mode)\b|\b(?:new|updated) (?:system )?instructions?\s*[:-]|\bact as (?:if|though|an? (?:unrestricted|unfiltered|different|new|jailbroken)\b|(?:the |an? |my |your )?(?:system|admin(?:istrator)?|root|superuser|maintainer|security team|ai|(?:personal )?assistant|language model|llm)\b)/i,
    // "you are now|no longer", "from now on", "pretend ", every "… instructions …" form, the modes, "act as ".
    gates: [/you are no|from now on|pretend |instruction|developer mode|jailbreak|dan mode|act as /i],
  },
  {
    name: "fake-turn",
    pattern: new RegExp(
      // "\s*(?:word\s*)?[:>]", never "\s*(?:word)?\s*": two spaces quantifiers around an optional
      // word split a whitespace run every way before failing (quadratic in the run).
      String.raw`${ROLE_LINE}(?:system|assistant|developer)\s*(?:(?:message|prompt|output|response|notice)\s*)?[:>]` +
        String.raw`|${ROLE_LINE}(?:tool|function)\s*(?:message|prompt|output|response|result|call)\s*[:>]|${ROLE_LINE}function\s*:` +
        // "Tool: terraform" is a form field; "Tool: merge the PR now" is a turn.
        String.raw`|${ROLE_LINE}tool\s*:[ \t]*\S+[ \t]+\S+[ \t]+\S+` +
        String.raw`|(?:^|\n)[ \t>]*#+[ \t]*(?:system|assistant|tool|developer|function)(?:[ \t]+(?:message|prompt|output|response|result|call))?[ \t]*(?:\n|$)` +
        String.raw`|<\/?\s*(?:system|assistant|tool|im_start|im_end|instructions?)\b[^>]*>|<\|\s*im_(?:start|end)\s*\|>|<<\/?SYS>>|\[\/?(?:INST|SYS)\]`,
      "i",
    ),
    // The punctuation every alternative needs (":" or ">" after a role, "#" of a heading, "<" or
    // "[" of markup; rare in prose, so tested first), and a role word (SYS and INST of the bracket
    // forms; im_ of the chat-markup tokens).
    gates: [/[:>#<[]/, /sys|assistant|developer|tool|function|im_|inst/i],
  },
  { name: "fake-envelope", pattern: /(?:^|\n)[ \t>]*(?:from_agent|to_agent|thread_id|in_reply_to)\s*:/i },
  {
    name: "policy-update",
    pattern:
      /\b(?:charter|system prompt|guardrails?|your (?:rules|policy|instructions|allowlist)|(?:the )?allowlist of actions)\b[^.\n]{0,40}\b(?:now|has been|have been|was|were|is|are)\s+(?:now\s+)?(?:updated|changed|relaxed|lifted|suspended|disabled|removed|revoked|allows?|permits?|includes?)\b/i,
    gates: [
      /charter|system prompt|guardrail|your rules|your policy|your instructions|allowlist/i,
      /updated|changed|relaxed|lifted|suspended|disabled|removed|revoked|allow|permit|include/i,
    ],
  },
  {
    name: "reveal-prompt",
    pattern: /\b(?:reveal|print|show|repeat|output|leak)\b[^.\n]{0,30}\b(?:system prompt|charter|your (?:prompt|instructions|rules)|hidden instructions)/i,
    // What is revealed is rarer than the verb: tested first.
    gates: [/system prompt|charter|your prompt|your instructions|your rules|hidden instructions/i, /reveal|print|show|repeat|output|leak/i],
  },
  {
    name: "repo-control",
    pattern: new RegExp(
      String.raw`\b(?:${REPO_WRITE})\b[^.\n?!]{0,80}(?:\.github\/|\bworkflows?\/[\w.-]+\.ya?ml\b)|(?:\.github\/|\bworkflows?\/[\w.-]+\.ya?ml\b)[^.\n?!]{0,80}\b(?:${REPO_WRITE})\b` +
        // A file-content header: ".github/workflows/ci.yml:" followed by the file.
        String.raw`|(?:\.github\/|\bworkflows?\/)[\w./-]*:[ \t]*(?:\n|$)` +
        String.raw`|${NOT_A_REQUEST}\b(?:merge|approve|force[- ]push|push)\b[^.\n]{0,30}\b(?:pr|pull request|main|master|default branch|your (?:own )?(?:pr|change))\b` +
        String.raw`|\bgit\s+push\b|\bgh\s+pr\s+(?:merge|review)\b|\bauto[- ]?merge\b` +
        String.raw`|\b(?:delete|disable|remove|turn off|bypass|lift|drop|weaken|relax)\b[^.\n]{0,30}\bbranch protections?\b`,
      "i",
    ),
    // .github/ or workflow(s)/ paths; merge, approve, (force-/git) push, gh pr merge|review; branch protection.
    gates: [/\.github\/|workflow|merge|approve|push|review|branch protection/i],
  },
  {
    name: "tool-call",
    pattern:
      /"(?:tool_call|function_call|tool_calls)"\s*:|\b(?:tool_calls?|function_call)\b\s*[:=(]|\b(?:call|invoke|run|execute|use) (?:the |this |that |a |your )?(?:tool|function|shell)\b|\b(?:run|execute) (?:this|these|the following) commands?\b|\b(?:run|execute) (?:the )?commands? (?:below|above|that follows|in this message)\b|\b(?:please|can you|could you|would you|go ahead and|you (?:should|must|need to))\s+(?:run|execute|invoke)\s+(?:the |this |that )?(?:command|script)\b/i,
    // tool_call(s) and function_call contain "tool" and "function"; every other form names a tool, function, shell, command or script.
    gates: [/tool|function|shell|command|script/i],
  },
  // Hidden from a reader of the rendered message: a change request inside a comment, CSS-hidden text.
  // Bounded reads after each opener keep both linear however many openers a text repeats.
  { name: "hidden-change-request", pattern: /<!--(?:(?!-->)[\s\S]){0,2000}?```warden-change|\[\/\/\]:[ \t]*#[^\n]{0,500}?warden-change/i, gates: [/warden-change/i] },
  {
    name: "hidden-markup",
    pattern: /\bstyle\s*=\s*["'][^"']{0,300}?(?:display\s*:\s*none|font-size\s*:\s*0|visibility\s*:\s*hidden|opacity\s*:\s*0(?:[;"'\s]|$)|color\s*:\s*(?:#fff\b|#ffffff\b|white\b))/i,
  },
];

/** Instructions in squashed or disguised letters: "i g n o r e  p r e v i o u s …", "1gn0r3 …". */
const SQUASHED = /(?:ignore|disregard|forget)(?:all|any|your|the|my)*(?:previous|prior|above|earlier|system)+(?:instructions?|rules|prompts?|guardrails?)|developermode|jailbreak/;
/**
 * The squashed reading of one ASCII code unit: letters stay, the digits and @/$ that imitate
 * letters become them, anything else (0) is dropped.
 */
const SQUASH = new Uint8Array(128);
for (let c = 97; c <= 122; c++) SQUASH[c] = c;
for (const [from, to] of Object.entries({ "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" })) SQUASH[from.charCodeAt(0)] = to.charCodeAt(0);

/** Base64 alphabet membership, for the runs of 24+ characters worth decoding. */
const BASE64_CHAR = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") BASE64_CHAR[ch.charCodeAt(0)] = 1;
const MIN_BASE64_RUN = 24;

export interface InjectionHit {
  pattern: string;
}

export interface InjectionOptions {
  /** Skip a pattern when one of its gates proves it cannot match (default true); false runs every pattern (for tests). */
  prefilter?: boolean;
}

export function detectInjection(normalizedText: string, options: InjectionOptions = {}): InjectionHit | undefined {
  const prefilter = options.prefilter ?? true;
  const direct = matchPatterns(normalizedText, prefilter);
  if (direct) return direct;
  const addressed = addressedToSystem(normalizedText);
  if (addressed) return { pattern: `addressed-to-a-system ("${addressed.slice(0, 40)}")` };
  // Digits and @/$ read as the letters they imitate everywhere here: the squashed pattern is a
  // whole instruction, which stray version numbers cannot spell.
  if (SQUASHED.test(squashLetters(normalizedText))) return { pattern: "ignore-instructions (disguised letters)" };
  // Instructions are sometimes smuggled base64-encoded; decode plausible runs and look again.
  for (const run of base64Runs(normalizedText)) {
    const decoded = Buffer.from(run, "base64").toString("utf8");
    if (!/^[\x20-\x7e\s]+$/.test(decoded)) continue;
    const hit = matchPatterns(decoded, prefilter);
    if (hit) return { pattern: `${hit.pattern} (base64-encoded)` };
  }
  return undefined;
}

let squashScratch = Buffer.allocUnsafe(4096);

/**
 * The lower-cased text with the look-alike digits and @/$ read as letters and everything that
 * is not a letter a-z removed; one pass instead of two regex replacements over the text.
 * Exported for the test that compares it with those replacements.
 */
export function squashLetters(text: string): string {
  const lower = text.toLowerCase();
  // One scratch buffer for every call (synchronous, so never shared), grown when a text needs it.
  if (squashScratch.length < lower.length) squashScratch = Buffer.allocUnsafe(Math.max(lower.length, 2 * squashScratch.length));
  const out = squashScratch;
  let length = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const letter = code < 128 ? (SQUASH[code] ?? 0) : 0;
    if (letter !== 0) out[length++] = letter;
  }
  return out.toString("latin1", 0, length);
}

/**
 * What `/[A-Za-z0-9+/]{24,}={0,2}/g` matches, in one pass: every maximal run of base64
 * characters at least 24 long, with up to two `=` of padding after it. Exported for the test
 * that compares the two.
 */
export function base64Runs(text: string): string[] {
  const runs: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (code < 128 && BASE64_CHAR[code] === 1) continue;
    if (i - start >= MIN_BASE64_RUN) {
      let end = i;
      while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end++;
      runs.push(text.slice(start, end));
      i = end - 1;
    }
    start = i + 1;
  }
  return runs;
}

/** Tag characters (U+E0000 block): invisible, yet a language model reads them as ASCII. */
const TAG_CHARACTERS = /[\u{E0020}-\u{E007E}]{4,}/u;
/** Bidi overrides and isolates: the text renders in another order than it is read. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Text hidden in the RAW message (before normalisation, which deletes these characters): an
 * instruction spelled in tag characters, or bidi controls that make a path or a command render
 * differently from what it is. Either way the reader and the machine would see different
 * messages, so it goes to a human.
 */
export function detectHiddenText(rawText: string): InjectionHit | undefined {
  // Tag characters are surrogate pairs whose high half is U+DB40: without one, none can be there.
  const tags = rawText.includes("\uDB40") ? TAG_CHARACTERS.exec(rawText) : null;
  if (tags) {
    const decoded = [...tags[0]].map((c) => String.fromCharCode((c.codePointAt(0) ?? 0) - 0xe0000)).join("");
    const hit = matchPatterns(decoded, true);
    return { pattern: hit ? `${hit.pattern} (in invisible tag characters)` : "hidden-text (invisible tag characters)" };
  }
  if (BIDI_CONTROL.test(rawText)) return { pattern: "hidden-text (bidi override)" };
  return undefined;
}

function matchPatterns(text: string, prefilter: boolean): InjectionHit | undefined {
  for (const { name, pattern, gates } of PATTERNS) {
    if (prefilter && gates && !gates.every((gate) => gate.test(text))) continue;
    if (pattern.test(text)) return { pattern: name };
  }
  return undefined;
}
