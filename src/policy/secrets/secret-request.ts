/**
 * Recognises a message that asks for a secret VALUE to be handed over ("send me the postgres
 * password"), as opposed to a routing question about how to obtain one from its owner ("how do
 * I get the postgres password for billing?"). The first is escalated; the second is our job.
 */
import { normalizeForScan } from "./normalize.ts";
import { detectValueRequest } from "./value-request.ts";
import { detectFramedRequest } from "./framed-request.ts";
import { detectForeignRequest } from "./foreign-request.ts";
import {
  AMBIGUOUS_VERBS, NOT_THE_HEAD, REVEALING_COMMANDS, ROUTING_WORDS, SECRET_NOUN, SECRET_VARIABLE, STRONG_VERBS, WEAK_VERBS,
} from "./request-vocabulary.ts";

export interface SecretRequest {
  /** The words that make it an ask (from the normalized text), never a secret value. */
  phrase: string;
  reason: string;
}

const NOUN = `(?:${SECRET_NOUN})${NOT_THE_HEAD}`;
/** Cheap gate: none of the nouns' stems, no ask. */
const GATE = /unlock|p[a4@]s|pwd|pw\b|s[e3]cr|t[o0]k|key|cred|conn|dsn|otp|2fa|mfa|code|kubeconfig|cookie|env|id_|shadow|\.pem|netrc|printenv|kubectl|vault|bao|secretsmanager|ssm|gcloud|keyvault/;

const VERB = new RegExp(String.raw`\b(?<strong>${STRONG_VERBS})\b|\b(?<weak>${WEAK_VERBS})\b|\b(?<ambiguous>${AMBIGUOUS_VERBS})\b`, "g");
const TO_THE_SPEAKER = /^\s*(?:to|for)\s+(?:me|us)\b/;
const OBJECT = new RegExp(String.raw`(?<object>(?:\s+[^\s]+){0,6}?)\s+(?<noun>${NOUN})`, "y");
const WHAT_IS = new RegExp(String.raw`\bwhat(?:'s|s|\s+is|\s+are|\s+was|\s+were)\s+(?<mods>(?:[^\s]+\s+){0,5}?)(?<noun>${NOUN})`, "g");
const VALUE_OF = new RegExp(String.raw`\b(?:value|values|contents?|plain\s*text|clear\s*text|raw\s+value|actual\s+string)\s+(?:of|in|inside|stored\s+in)\s+(?:the\s+)?(?:[^\s]+\s+){0,3}?(?:${SECRET_VARIABLE}|${NOUN})`, "g");
const WANT_ITSELF = new RegExp(String.raw`\b(?:need|want|require|looking\s+for)\s+(?:[^\s]+\s+){0,4}?(?:(?:actual|real|raw|literal|plain\s*text|clear\s*text|unredacted|unmasked|full)\s+(?:[^\s]+\s+){0,2}?(?:${NOUN})|(?:${NOUN})\s+(?:itself|value|string|in\s+(?:plain|clear)\s*text)\b)`, "g");
const ROUTING_OBJECT = new RegExp(ROUTING_WORDS);
const COMMAND = new RegExp(String.raw`\b(?:${REVEALING_COMMANDS})`, "g");

/** Modifiers that turn "what is the X password" into a question about something else. */
const NOT_A_VALUE_MOD = /\b(?:of|for|to|about|from|by|with|process|procedure|way|owner|team|route|policy|best|right|command|format|length|name|path|url|difference|point|purpose|status|reason)\b/;
/** A routing frame or a negation governing what follows: "how do I get", "don't send". */
const ROUTING_LEAD = /\b(?:how|where|who|whom|which|whether|why)\b|\b(?:don'?t|do\s+not|never|not|no\s+need\s+to|without|instead\s+of|rather\s+than)\s+(?:\S+\s+)?$/;
/**
 * A suggestion is a request in a question's clothes: "why don't you paste …", "how about you
 * share …", "why not send …". Its question word and its negation govern nothing.
 */
const SUGGESTION = /\b(?:(?:how|where)\s+(?:could|can|would|will|might)\s+(?:you|u)(?:\s+(?:please|just|quickly))?|why\s+(?:don'?t|do\s+not|not|won'?t|wouldn'?t|can'?t|couldn'?t)(?:\s+(?:you|u|ya))?|how\s+about(?:\s+(?:you|u))?|what\s+about(?:\s+(?:you|u))?|would\s+you\s+mind)\s+(?:just\s+|quickly\s+|simply\s+)?$/;
const governsVerb = (lead: string) => ROUTING_LEAD.test(lead) && !SUGGESTION.test(lead);
const CLAUSE_BREAK = /\b(?:but|and|so|then|please|just|now|anyway|also|instead)\b|,/g;
/** A weak verb is a hand-over when it opens the request: "get me …", "can you fetch …". */
const FOR_THE_SPEAKER = /^\s*(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?$|^\s*(?:pls|please|kindly)?\s*$/;

/**
 * Literals every match of a clause pattern contains (the text is lower-cased): a pattern whose
 * literals are all absent from the whole text cannot match any of its clauses, and is skipped.
 * Read off the patterns' leading alternations; a property test compares gated and ungated results.
 */
const WHAT_IS_GATE = /what/;
const VALUE_OF_GATE = /value|content|plain|clear|raw|actual/;
const WANT_ITSELF_GATE = /need|want|require|looking/;
const COMMAND_GATE = /kubectl|vault|bao|aws|gcloud|az|printenv|cat|echo/;

export interface SecretRequestOptions {
  /** Skip clause patterns the gates above rule out (default true); false runs them all (for tests). */
  prefilter?: boolean;
}

/** Which clause patterns can match anywhere in the text; all true without the prefilter. */
interface Possible {
  whatIs: boolean;
  valueOf: boolean;
  wantItself: boolean;
  command: boolean;
}

export function detectSecretRequest(text: string, options: SecretRequestOptions = {}): SecretRequest | null {
  const prefilter = options.prefilter ?? true;
  // "**pass**word", "`pass`word": emphasis marks inside a word do not change the word.
  const normal = unLeet(collapseSpacedLetters(normalizeForScan(text).toLowerCase().replace(/[*`~]+/g, "").replace(ABBREVIATED_PW, "pw")), prefilter);
  const foreign = detectForeignRequest(text.toLowerCase());
  if (foreign) return { phrase: foreign.phrase, reason: "asks for a secret value to be handed over" };
  if (!GATE.test(normal)) return null;
  const possible: Possible = {
    whatIs: !prefilter || WHAT_IS_GATE.test(normal),
    valueOf: !prefilter || VALUE_OF_GATE.test(normal),
    wantItself: !prefilter || WANT_ITSELF_GATE.test(normal),
    command: !prefilter || COMMAND_GATE.test(normal),
  };
  for (const clause of normal.split(/[.!?;:]+(?=\s|$)|\n+/)) {
    const found = askInClause(clause, possible);
    if (found) return found;
  }
  const pointing = NAMES_A_SECRET.test(normal) ? pointsBack(normal) : null;
  if (pointing) return pointing;
  const sideways = detectValueRequest(normal, prefilter) ?? detectFramedRequest(normal);
  return sideways ? { phrase: sideways.phrase, reason: "asks for a secret value" } : null;
}

function askInClause(clause: string, possible: Possible): SecretRequest | null {
  VERB.lastIndex = 0;
  for (let v = VERB.exec(clause); v; v = VERB.exec(clause)) {
    const lead = localLead(clause.slice(0, v.index));
    if (governsVerb(lead)) continue;
    OBJECT.lastIndex = v.index + v[0].length;
    const o = OBJECT.exec(clause);
    if (!o || ROUTING_OBJECT.test(o.groups?.object ?? "")) continue;
    const forUs = /\b(?:me|us)\b/.test(o.groups?.object ?? "");
    if (v.groups?.weak && !FOR_THE_SPEAKER.test(lead) && !forUs) continue;
    if (v.groups?.ambiguous && !forUs && !TO_THE_SPEAKER.test(clause.slice(OBJECT.lastIndex))) continue;
    return { phrase: clause.slice(v.index, OBJECT.lastIndex).trim(), reason: "asks for a secret value to be handed over" };
  }
  return (
    (possible.whatIs ? firstUnvetoed(clause, WHAT_IS, "asks what a secret's value is", (m) => !NOT_A_VALUE_MOD.test(m.groups?.mods ?? "")) : null) ??
    (possible.valueOf ? firstUnvetoed(clause, VALUE_OF, "asks for the value stored in a secret") : null) ??
    (possible.wantItself ? firstUnvetoed(clause, WANT_ITSELF, "asks for the secret value itself") : null) ??
    (possible.command ? firstUnvetoed(clause, COMMAND, "asks to run a command that prints a secret") : null)
  );
}

/** "p.w.": its dots would otherwise end the clause. */
const ABBREVIATED_PW = /\bp\.\s?w\.?(?=\s|$)/g;
const NAMES_A_SECRET = new RegExp(String.raw`${NOUN}|\b(?:the|a|an|my|our|your|its|that|this)\s+(?:[a-z0-9-]+\s+){0,3}?keys?\b${NOT_THE_HEAD}`);
/** "Need the billing db password pasted here": the hand-over in a participle after the noun. */
const PASSIVE_HAND_OVER = new RegExp(String.raw`(?:${NOUN})\s+(?:pasted|sent|posted|shared|dropped|written|given|typed|spelled\s+out)\s+(?:here|below|to\s+(?:me|us)|in\s+(?:this|the|your)\b)`);
/**
 * A hand-over or a value question whose object points back at a secret the message named
 * before: "Where is the stripe key? Paste it below.", "the orders password, what was it again?",
 * "For the billing password: what is the current value?".
 */
const HAND_OVER_IT = new RegExp(String.raw`\b(?:${STRONG_VERBS}|put|append|add|write|type|drop)\s+(?:it|them|that|this|those)\b(?:\s+(?:here|below|in\s+(?:your|the|this)\s+(?:answer|reply|response|message|thread|comment)|(?:to|for)\s+(?:me|us|the\s+(?:answer|reply|response)))|\s*$)`);
const WHAT_IS_IT = /\bwhat(?:'s|s|\s+is|\s+was|\s+are|\s+were)\s+(?:it|they|(?:the|its|their)\s+(?:current\s+|actual\s+|real\s+|exact\s+)?values?)(?:\s+again)?\s*\??\s*$/;

function pointsBack(normal: string): SecretRequest | null {
  for (const clause of normal.split(/[.!?;:,]+(?=\s|$)|\n+/)) {
    const hand = HAND_OVER_IT.exec(clause);
    if (hand && !governsVerb(localLead(clause.slice(0, hand.index)))) return { phrase: hand[0].trim(), reason: "asks for a secret value to be handed over" };
    const passive = PASSIVE_HAND_OVER.exec(clause);
    if (passive && !governsVerb(localLead(clause.slice(0, passive.index)))) return { phrase: passive[0].trim(), reason: "asks for a secret value to be handed over" };
    const what = WHAT_IS_IT.exec(clause);
    if (what && !governsVerb(localLead(clause.slice(0, what.index)))) return { phrase: what[0].trim(), reason: "asks what a secret's value is" };
  }
  return null;
}

function firstUnvetoed(clause: string, pattern: RegExp, reason: string, ok: (m: RegExpExecArray) => boolean = () => true): SecretRequest | null {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(clause); m; m = pattern.exec(clause)) {
    if (!governsVerb(localLead(clause.slice(0, m.index))) && ok(m)) return { phrase: m[0].trim(), reason };
  }
  return null;
}

/** The part of the text before a verb that still governs it: after the last "but", "and", ",". */
function localLead(before: string): string {
  let cut = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(before); m; m = CLAUSE_BREAK.exec(before)) cut = m.index + m[0].length;
  return before.slice(cut);
}

/** "p a s s w o r d", "p.a.s.s.w.o.r.d" → "password". */
function collapseSpacedLetters(text: string): string {
  return text.replace(/\b(?:[a-z0-9][ ._-]){3,}[a-z0-9]\b/g, (m) => m.replace(/[ ._-]/g, ""));
}

const LEET: Readonly<Record<string, string>> = { "4": "a", "3": "e", "0": "o", "1": "i", "5": "s", "7": "t" };

/**
 * A word that mixes letters and digits has a letter next to a digit somewhere: without such a
 * pair there is nothing to un-leet, and the word-by-word replacement is skipped.
 */
const LETTER_DIGIT = /[a-z][0-9]|[0-9][a-z]/;

/** "s3nd me the p4ssw0rd" → "send me the password"; only in words that mix letters and digits. */
function unLeet(text: string, prefilter: boolean): string {
  if (prefilter && !LETTER_DIGIT.test(text)) return text;
  return text.replace(/\b(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[0-9])[a-z0-9]+\b/g, (w) => w.replace(/[0-9]/g, (d) => LEET[d] ?? d));
}
