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
const ROLE_LINE = String.raw`(?:^|\n)[ \t>*-]*(?:#+[ \t]*)?`;
/** Verbs that make a sentence about a .github/ path a request to change it. */
const REPO_WRITE =
  String.raw`add|append|insert|edit|change|modify|update|write|create|commit|delete|remove|replace|put|patch|push|merge|overwrite|rewrite|touch|disable|enable|set|drop|include|fix|contains?|contents?|should|must|make|open\s+a\s+(?:pr|pull\s+request)`;
/** "on push to main", "after the merge to main", "we push to main": when it happens, not a request. */
const NOT_A_REQUEST = String.raw`(?<!\b(?:(?:on|every|each|after|per|when|before|until|upon)(?:\s+(?:a|the|each|every|any))?|we|they|i|our|their|its)\s)`;

const PATTERNS: readonly [name: string, pattern: RegExp][] = [
  ["ignore-instructions", /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|all|any|your|the|system)\b[^.\n]{0,30}\b(?:instructions?|rules?|prompts?|polic(?:y|ies)|guardrails?|charter|directives?|constraints?)/i],
  [
    "role-override",
    /\b(?:you are now|you are no longer|from now on,? you|pretend (?:to be|you are)|(?:your|these are your|here are your|follow the|follow these) new (?:system )?instructions?|(?:new|updated) (?:system )?instructions? (?:for|to) (?:you|ops-warden|the bot|the assistant|the model)|(?:new|updated) (?:system )?instructions? (?:follow|below|apply)|instructions? (?:say|says|state) (?:that )?you (?:may|can|must|should|are)|developer mode|jailbreak|DAN mode)\b|\b(?:new|updated) (?:system )?instructions?\s*[:-]|\bact as (?:if|though|an? (?:unrestricted|unfiltered|different|new|jailbroken)\b|(?:the |an? |my |your )?(?:system|admin(?:istrator)?|root|superuser|maintainer|security team|ai|(?:personal )?assistant|language model|llm)\b)/i,
  ],
  [
    "fake-turn",
    new RegExp(
      String.raw`${ROLE_LINE}(?:system|assistant|developer)\s*(?:message|prompt|output|response|notice)?\s*[:>]` +
        String.raw`|${ROLE_LINE}(?:tool|function)\s*(?:message|prompt|output|response|result|call)\s*[:>]|${ROLE_LINE}function\s*:` +
        // "Tool: terraform" is a form field; "Tool: merge the PR now" is a turn.
        String.raw`|${ROLE_LINE}tool\s*:[ \t]*\S+[ \t]+\S+[ \t]+\S+` +
        String.raw`|(?:^|\n)[ \t>]*#+[ \t]*(?:system|assistant|tool|developer|function)(?:[ \t]+(?:message|prompt|output|response|result|call))?[ \t]*(?:\n|$)` +
        String.raw`|<\/?\s*(?:system|assistant|tool|im_start|im_end|instructions?)\b[^>]*>|<\|\s*im_(?:start|end)\s*\|>|<<\/?SYS>>|\[\/?(?:INST|SYS)\]`,
      "i",
    ),
  ],
  ["fake-envelope", /(?:^|\n)[ \t>]*(?:from_agent|to_agent|thread_id|in_reply_to)\s*:/i],
  [
    "policy-update",
    /\b(?:charter|system prompt|guardrails?|your (?:rules|policy|instructions|allowlist)|(?:the )?allowlist of actions)\b[^.\n]{0,40}\b(?:now|has been|have been|was|were|is|are)\s+(?:now\s+)?(?:updated|changed|relaxed|lifted|suspended|disabled|removed|revoked|allows?|permits?|includes?)\b/i,
  ],
  ["reveal-prompt", /\b(?:reveal|print|show|repeat|output|leak)\b[^.\n]{0,30}\b(?:system prompt|charter|your (?:prompt|instructions|rules)|hidden instructions)/i],
  [
    "repo-control",
    new RegExp(
      String.raw`\b(?:${REPO_WRITE})\b[^.\n?!]{0,80}(?:\.github\/|\bworkflows?\/[\w.-]+\.ya?ml\b)|(?:\.github\/|\bworkflows?\/[\w.-]+\.ya?ml\b)[^.\n?!]{0,80}\b(?:${REPO_WRITE})\b` +
        // A file-content header: ".github/workflows/ci.yml:" followed by the file.
        String.raw`|(?:\.github\/|\bworkflows?\/)[\w./-]*:[ \t]*(?:\n|$)` +
        String.raw`|${NOT_A_REQUEST}\b(?:merge|approve|force[- ]push|push)\b[^.\n]{0,30}\b(?:pr|pull request|main|master|default branch|your (?:own )?(?:pr|change))\b` +
        String.raw`|\bgit\s+push\b|\bgh\s+pr\s+(?:merge|review)\b|\bauto[- ]?merge\b` +
        String.raw`|\b(?:delete|disable|remove|turn off|bypass|lift|drop|weaken|relax)\b[^.\n]{0,30}\bbranch protections?\b`,
      "i",
    ),
  ],
  [
    "tool-call",
    /"(?:tool_call|function_call|tool_calls)"\s*:|\b(?:tool_calls?|function_call)\b\s*[:=(]|\b(?:call|invoke|run|execute|use) (?:the |this |that |a |your )?(?:tool|function|shell)\b|\b(?:run|execute) (?:this|these|the following) commands?\b|\b(?:run|execute) (?:the )?commands? (?:below|above|that follows|in this message)\b|\b(?:please|can you|could you|would you|go ahead and|you (?:should|must|need to))\s+(?:run|execute|invoke)\s+(?:the |this |that )?(?:command|script)\b/i,
  ],
  // Hidden from a reader of the rendered message: a change request inside a comment, CSS-hidden text.
  ["hidden-change-request", /<!--(?:(?!-->)[\s\S])*```warden-change|\[\/\/\]:\s*#[^\n]*warden-change/i],
  ["hidden-markup", /\bstyle\s*=\s*["'][^"']*(?:display\s*:\s*none|font-size\s*:\s*0|visibility\s*:\s*hidden|opacity\s*:\s*0(?:[;"'\s]|$)|color\s*:\s*(?:#fff\b|#ffffff\b|white\b))/i],
];

/** Instructions in squashed or disguised letters: "i g n o r e  p r e v i o u s …", "1gn0r3 …". */
const SQUASHED = /(?:ignore|disregard|forget)(?:all|any|your|the|my)*(?:previous|prior|above|earlier|system)+(?:instructions?|rules|prompts?|guardrails?)|developermode|jailbreak/;
const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };

const BASE64_RUN = /[A-Za-z0-9+/]{24,}={0,2}/g;

export interface InjectionHit {
  pattern: string;
}

export function detectInjection(normalizedText: string): InjectionHit | undefined {
  const direct = matchPatterns(normalizedText);
  if (direct) return direct;
  // Digits and @/$ read as the letters they imitate everywhere here: the squashed pattern is a
  // whole instruction, which stray version numbers cannot spell.
  const squashed = normalizedText
    .toLowerCase()
    .replace(/[0-9@$]/g, (c) => LEET[c] ?? c)
    .replace(/[^a-z]+/g, "");
  if (SQUASHED.test(squashed)) return { pattern: "ignore-instructions (disguised letters)" };
  // Instructions are sometimes smuggled base64-encoded; decode plausible runs and look again.
  for (const run of normalizedText.match(BASE64_RUN) ?? []) {
    const decoded = Buffer.from(run, "base64").toString("utf8");
    if (!/^[\x20-\x7e\s]+$/.test(decoded)) continue;
    const hit = matchPatterns(decoded);
    if (hit) return { pattern: `${hit.pattern} (base64-encoded)` };
  }
  return undefined;
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
  const tags = TAG_CHARACTERS.exec(rawText);
  if (tags) {
    const decoded = [...tags[0]].map((c) => String.fromCharCode((c.codePointAt(0) ?? 0) - 0xe0000)).join("");
    const hit = matchPatterns(decoded);
    return { pattern: hit ? `${hit.pattern} (in invisible tag characters)` : "hidden-text (invisible tag characters)" };
  }
  if (BIDI_CONTROL.test(rawText)) return { pattern: "hidden-text (bidi override)" };
  return undefined;
}

function matchPatterns(text: string): InjectionHit | undefined {
  for (const [name, pattern] of PATTERNS) {
    if (pattern.test(text)) return { pattern: name };
  }
  return undefined;
}
