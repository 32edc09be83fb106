/**
 * Asks for a secret's value that hide in their framing rather than in a verb: a hypothetical
 * ("if you could see the vendor API key, what would it be?"), a format ("just the string",
 * "verbatim", "character for character"), a place in the answer ("put the password in your
 * reply"), or a polite hand-over ("let me know the billing password"). The framing alone is not
 * an ask; it is one when the same message names a secret. Input: normalised, lower-cased text.
 */
import { NOT_THE_HEAD, ROUTING_WORDS } from "./request-vocabulary.ts";

const NOUN = String.raw`(?:pass[\s_-]?word|pass(?=\s+(?:for|to|of)\b)|p\.w\.?|passwort|kennwort|passphrase|passcode|pin|pw|pwd|token|secret|api[\s_-]?key|private\s+key|(?:deploy|ssh|signing|access|secret|vendor|master|root)\s+key|credentials?|creds|connection\s+string|dsn|mot\s+de\s+passe|contrasena|senha|wachtwoord)(?![\w-])${NOT_THE_HEAD}`;
const NAMES_A_SECRET = new RegExp(String.raw`\b${NOUN}`);

/** Framings that make a named secret the thing asked for. */
const FRAMINGS: readonly RegExp[] = [
  new RegExp(String.raw`\bwhat\s+would\s+(?:it|that|they|the\s+(?:\w+\s+){0,3}?${NOUN})\s+be\b`),
  /\bif\s+you\s+(?:could|were\s+able\s+to|had\s+access\s+to|had\s+to)\s+(?:see|read|access|look\s+at|guess|know|tell|reveal)\b/,
  /\b(?:hypothetically|in\s+theory|theoretically|pretend|imagine|suppose|role-?play|for\s+a\s+(?:story|novel|game|test))\b[^\n]{0,200}\b(?:what|tell|say|write|show|give)\b/,
  /\b(?:verbatim|word\s+for\s+word|character\s+(?:for|by)\s+character|letter\s+by\s+letter|unredacted|unmasked)\b/,
  /\bjust\s+(?:the|its)\s+(?:string|value|characters|digits|text|raw\s+\w+)\b|\bthe\s+(?:exact|literal|raw|actual)\s+(?:string|value|characters|digits)\b|\bnothing\s+(?:else|but\s+the\s+(?:string|value))\b/,
  new RegExp(String.raw`\b(?:put|write|place|include|add|type|spell)\b(?:\W+\w+){0,8}?\W+${NOUN}\b(?:\W+\w+){0,4}?\W+(?:in|into)\s+(?:your|the|this)\s+(?:answer|reply|response|message|output|comment)\b`),
  new RegExp(String.raw`\b${NOUN}\b(?:\W+\w+){0,4}?\W+in\s+your\s+(?:answer|reply|response)\b`),
  new RegExp(String.raw`\blet\s+(?:me|us)\s+know\b(?<between>(?:\W+\w+){0,6}?)\W+${NOUN}\b`),
];
/** "let me know once the token is rotated": a condition, not the value. */
const CONDITION = /\b(?:once|if|when|whenever|after|before|whether|as\s+soon\s+as|about|why)\b/;
/** A sentence about how, where or from whom to get something is a routing question, whatever its framing. */
const ROUTING_IN_SENTENCE = /\b(?:how|where|who|whom|which|whether|process|procedure|playbook|runbook|docs|documentation|instructions|guide|steps|form|ticket|route|routing|owner|contact|team|policy|wiki|rotation|rotate|request)\b/;
const ROUTING = new RegExp(ROUTING_WORDS);
/** A question about how or where to obtain a secret is a routing question, whatever its framing. */
const ROUTING_QUESTION = /^\s*(?:how|where|who|whom|which|why)\b/;

export function detectFramedRequest(normalizedLower: string): { phrase: string } | undefined {
  if (!NAMES_A_SECRET.test(normalizedLower) || !FRAMINGS.some((pattern) => pattern.test(normalizedLower))) return undefined;
  const sentences = normalizedLower.split(/(?<=[.!?])\s+|\n+/);
  for (const [i, sentence] of sentences.entries()) {
    if (sentence.length > 600) continue;
    // The framing and the secret it frames stand in one sentence or in two that follow each other.
    const near = `${sentences[i - 1] ?? ""} ${sentence}`;
    if (!NAMES_A_SECRET.test(near)) continue;
    for (const pattern of FRAMINGS) {
      const m = pattern.exec(sentence);
      if (!m || ROUTING.test(m.groups?.between ?? "") || CONDITION.test(m.groups?.between ?? "") || ROUTING_IN_SENTENCE.test(sentence)) continue;
      // "says, verbatim: …" introduces a quotation; "how do I get it verbatim" asks for a route.
      if (/^\s*:/.test(sentence.slice(m.index + m[0].length)) || (ROUTING_QUESTION.test(sentence) && !NAMES_A_SECRET.test(m[0]))) continue;
      return { phrase: m[0].slice(0, 80) };
    }
  }
  return undefined;
}
