/**
 * Recognises text that addresses instructions to the bot instead of asking it something: role
 * overrides, fake system or tool turns, attempts to reach .github/ or to merge. A hit does not
 * make anything safe or unsafe by itself (the guardrails hold for any brain output); it makes
 * the deterministic planner escalate the message for a human instead of acting on it, and it is
 * recorded so the audit shows why. Input must already be normalised (`normalizeForScan`).
 */
const PATTERNS: readonly [name: string, pattern: RegExp][] = [
  ["ignore-instructions", /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|all|any|your|the|system)\b[^.\n]{0,30}\b(?:instructions?|rules?|prompts?|polic(?:y|ies)|guardrails?|charter|directives?|constraints?)/i],
  ["role-override", /\b(?:you are now|from now on,? you|act as|pretend (?:to be|you are)|new (?:system )?instructions?|developer mode|jailbreak|DAN mode)\b/i],
  ["fake-turn", /(?:^|\n)\s*(?:#+\s*)?(?:system|assistant|tool|developer|function)\s*(?:message|prompt|output|response)?\s*[:>]|<\/?\s*(?:system|assistant|tool|im_start|im_end|instructions?)\b[^>]*>|\[\/?(?:INST|SYS)\]/i],
  ["reveal-prompt", /\b(?:reveal|print|show|repeat|output|leak)\b[^.\n]{0,30}\b(?:system prompt|charter|your (?:prompt|instructions|rules)|hidden instructions)/i],
  ["repo-control", /(?:\.github\/|\bworkflows?\/[\w.-]+\.ya?ml\b|\b(?:merge|approve|force[- ]push|push)\b[^.\n]{0,30}\b(?:pr|pull request|main|master|default branch|your (?:own )?(?:pr|change))\b)/i],
  ["tool-call", /"(?:tool_call|function_call|tool_calls)"\s*:|\b(?:call|invoke|run|execute) (?:the )?(?:tool|function|shell|command)\b/i],
];

const BASE64_RUN = /[A-Za-z0-9+/]{24,}={0,2}/g;

export interface InjectionHit {
  pattern: string;
}

export function detectInjection(normalizedText: string): InjectionHit | undefined {
  const direct = matchPatterns(normalizedText);
  if (direct) return direct;
  // Instructions are sometimes smuggled base64-encoded; decode plausible runs and look again.
  for (const run of normalizedText.match(BASE64_RUN) ?? []) {
    const decoded = Buffer.from(run, "base64").toString("utf8");
    if (!/^[\x20-\x7e\s]+$/.test(decoded)) continue;
    const hit = matchPatterns(decoded);
    if (hit) return { pattern: `${hit.pattern} (base64-encoded)` };
  }
  return undefined;
}

function matchPatterns(text: string): InjectionHit | undefined {
  for (const [name, pattern] of PATTERNS) {
    if (pattern.test(text)) return { pattern: name };
  }
  return undefined;
}
