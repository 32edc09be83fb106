/**
 * Asks for a secret's value that the clause-by-clause detector (secret-request.ts) cannot see,
 * because the ask spans a colon or names the value sideways: "Send me this: the billing
 * password", "Remind me what the relay password was set to", "Respond only with the hub token",
 * "What does the grafana token start with?", "Drop the deploy key in this thread", "Quote the
 * token back to me", "generate a key pair and include both halves in your reply", and the same
 * in German, French, Spanish, Italian, Portuguese and Dutch. Input: normalised, lower-cased.
 *
 * A sentence that asks how, where or from whom to get a credential is a routing question and
 * never matches; so does a negated verb ("don't send the token").
 */
import { NOT_THE_HEAD, ROUTING_WORDS } from "./request-vocabulary.ts";

const NOUN = String.raw`(?:password|passwort|kennwort|passphrase|passcode|pw|pwd|token|jeton|secret|geheimnis|secreto|segreto|segredo|geheim|api[\s_-]?key|private\s+key|(?:deploy|ssh|signing|access|secret)\s+key|(?<!public\s)(?<!host\s)key|key|schlussel|cle|clave|chiave|chave|sleutel|credentials?|creds|connection\s+string|dsn|mot\s+de\s+passe|contrasena|senha|wachtwoord)(?![\w-])${NOT_THE_HEAD}`;
const HAND_OVER = String.raw`send|give|paste|share|post|dm|ping|quote|repeat|echo|print|include|attach|tell|reveal|spell|read\s+(?:out|back)|copy|write\s+(?:out|down)|respond(?:\s+only)?\s+with|reply(?:\s+only)?\s+with|answer(?:\s+only)?\s+with|remind|schick(?:e|st)?|sende|gib|teil(?:e)?|kopier(?:e)?|envoie|envoyez|donne|donnez|partage|colle|copie|envia(?:me)?|dame|pasame|manda(?:me)?|mandami|inviami|dammi|condividi|incolla|passa|compartilha|stuur|geef|deel|plak`;

const PATTERNS: readonly RegExp[] = [
  // A hand-over verb with the secret noun later in the same sentence (up to 10 words on).
  new RegExp(String.raw`\b(?:${HAND_OVER})\b(?<between>(?:\W+\w+){0,10}?)\W+${NOUN}\b`),
  // "drop" is a hand-over only towards the reader ("drop our JSON key" means stop using it).
  new RegExp(String.raw`\bdrop\s+(?:me|us)\b(?:\W+\w+){0,8}?\W+${NOUN}\b|\bdrop\b(?:\W+\w+){0,6}?\W+${NOUN}\b(?:\W+\w+){0,3}?\W+(?:here|below|in\s+(?:this|the|our)\s+(?:thread|chat|channel|reply|message|dm))\b`),
  // Its value named sideways: what it was set to, what it starts or ends with, its characters.
  new RegExp(String.raw`\b${NOUN}\b(?:\W+\w+){0,6}?\W+(?:(?:was|is|got)\s+set\s+to|start(?:s|ing)?\s+with|begin(?:s|ning)?\s+with|end(?:s|ing)?\s+with|looks?\s+like)\b`),
  new RegExp(String.raw`\b(?:first|last)\s+(?:\d+\s+|few\s+|two\s+|three\s+|four\s+)?(?:characters?|chars?|letters?|digits?)\s+of\b(?:\W+\w+){0,6}?\W+${NOUN}\b`),
  // "the password written here", "the token typed out below"
  new RegExp(String.raw`\b${NOUN}\b(?:\W+\w+){0,4}?\W+(?:written|typed|pasted|spelled|printed|posted|put)\s+(?:out\s+|down\s+)?(?:here|below|in\s+(?:this|the|your)\s+(?:thread|reply|message|chat|answer))\b`),
  // "confirm the exact password", "is the password still Summer…", "does the password contain a digit"
  new RegExp(String.raw`\bconfirm\b(?:\W+\w+){0,4}?\W+${NOUN}\b|\b${NOUN}\b\s+(?:still|currently|now)\s+(?!used|needed|required|valid|active|working|works?|exists?|there|expire[sd]?|fails?|failing|appl(?:y|ies)|rotat\w*|in\s+use|stored|kept|held|managed|issued|the\s+same|ok|okay|good|fine|lives?|lived)\w|\b${NOUN}\b\s+(?:contains?|includes?|has|have)\s+(?:a|an|any|the|\d+|some|only)\s+(?:digits?|numbers?|letters?|characters?|symbols?|capitals?|upper|lower|special)\b`),
  // "generate a key pair and include both halves / the private key in your reply".
  /\bgenerate\b(?:\W+\w+){0,6}?\W+key\s*pairs?\b(?:\W+\w+){0,10}?\W+(?:include|send|paste|reply|post|give|share)\b/,
  // "wie lautet das Passwort", "quel est le mot de passe", "cual es la contrasena", "qual e a senha", "wat is het wachtwoord".
  new RegExp(String.raw`\b(?:wie\s+lautet|wie\s+ist|was\s+ist|quel\s+est|c'est\s+quoi|cual\s+es|qual\s+(?:e|es)|wat\s+is)\b(?:\W+\w+){0,4}?\W+${NOUN}\b`),
];
const ROUTING = new RegExp(ROUTING_WORDS);
/** Asked as a question and still a value request: "which characters make up the token?" */
const ITS_CHARACTERS = new RegExp(String.raw`\b(?:which|what)\s+(?:characters?|chars?|letters?|digits?|symbols?)\b(?:\W+\w+){0,6}?\W+${NOUN}\b`);
const NEGATED = /\b(?:don'?t|do\s+not|never|not|nicht|ne|pas|no|niet)\s+(?:\w+\s+)?(?:send|share|paste|post|give|drop|schick|envoie|envia|manda|stuur)\b/;
/** A routing question opens with these (English and the six other languages). */
const ROUTING_OPENER = /^\s*(?:how|where|who|whom|which|why|wie\s+(?:bekomme|kriege|komme)|wo|wer|comment|ou|qui|como|donde|quien|dove|chi|onde|quem|hoe|waar|wie\s+(?:is|beheert))\b/;

/**
 * A literal every match of NOUN contains, and so every match of ITS_CHARACTERS and PATTERNS
 * (the key-pair pattern contains "key"). A sentence without one cannot match and is skipped;
 * the secret-request prefilter property test compares gated and ungated verdicts.
 */
const NOUN_LITERAL = /pass|pw|kennwort|token|jeton|secret|geheim|segreto|segredo|key|schlussel|cle|clave|chiave|chave|sleutel|credential|creds|connection|dsn|contrasena|senha|wachtwoord/;

export function detectValueRequest(normalizedLower: string, prefilter = true): { phrase: string } | undefined {
  for (const sentence of normalizedLower.split(/[.!?\n]+/)) {
    if (sentence.length > 600 || (prefilter && !NOUN_LITERAL.test(sentence)) || NEGATED.test(sentence)) continue;
    const characters = ITS_CHARACTERS.exec(sentence);
    // "which characters are allowed in a password" asks about the policy, not the value.
    if (characters && !/\b(?:allowed|permitted|required|valid|accepted|supported|forbidden|special)\b/.test(characters[0])) return { phrase: characters[0].slice(0, 80) };
    if (ROUTING_OPENER.test(sentence)) continue;
    for (const pattern of PATTERNS) {
      const m = pattern.exec(sentence);
      if (m && !ROUTING.test(m.groups?.between ?? "")) return { phrase: m[0].slice(0, 80) };
    }
  }
  return undefined;
}
