/**
 * Does a message ask a routing question at all? The RuleBrain answers only when it positively
 * recognises one — a question word (how, where, who, which, …), a yes/no question, a stated
 * need ("we need AWS credentials for …") or a reported problem ("build-09 does not accept my
 * certificate") — in English, German, French, Spanish, Italian,
 * Portuguese or Dutch. An imperative with none of these ("Ping me the hub token", "Respond only
 * with the token") is not answered however well its words match a route: it goes to a human, so
 * a value request that every value-request pattern misses still gets no answer.
 *
 * Input: normalised, lower-cased text (accents removed). Linear: one pass per pattern.
 */

const QUESTION_WORDS = [
  // English
  "how", "where", "who", "whom", "whose", "which", "what", "why", "when", "whether",
  // German
  "wie", "wo", "woher", "wer", "wen", "wem", "welche", "welcher", "welches", "welchen", "warum", "wann",
  // French
  "comment", "ou", "qui", "quel", "quelle", "quels", "quelles", "pourquoi", "quand",
  // Spanish, Italian, Portuguese
  "como", "donde", "quien", "quienes", "cual", "cuales", "dove", "chi", "quale", "quali", "onde", "quem", "qual", "quais", "porque", "perche", "cuando", "quando",
  // Dutch
  "hoe", "waar", "welke", "waarom", "wanneer",
];

const NEEDS = [
  "need", "needs", "needed", "want", "wants", "require", "requires", "requesting", "looking for", "would like", "'d like", "asking for", "is there", "are there",
  // asking ops-warden for its own service: "sign my ssh key for the build runners"
  "sign", "issue", "renew",
  "brauche", "brauchen", "benotige", "benotigen", "besoin", "necesito", "necesitamos", "necesita", "bisogno", "serve", "servono", "preciso", "precisamos", "precisa", "nodig",
];

/** A reported problem asks for the way out: "the tunnel fails", "does not accept my certificate". */
const PROBLEMS = [
  "fail", "fails", "failing", "failed", "error", "errors", "denied", "refused", "refuses", "rejected", "broken", "expired", "stuck",
  "does not", "doesn't", "do not", "don't", "cannot", "can't", "won't", "not working", "stopped working",
  "funktioniert nicht", "fehler", "echoue", "erreur", "falla", "errore", "non funziona", "falha", "erro", "werkt niet", "fout",
];

/**
 * Agents also ask in a noun phrase: "read only postgres user for the reconciliation worker",
 * "token for the github api from our bot". Such a message opens with the credential it needs (or
 * a word describing it), never with a verb — which is how an imperative opens.
 */
const NOUN_OPENERS = [
  "a", "an", "new", "short-lived", "temporary", "read", "read-only", "readonly", "write", "admin",
  "ssh", "aws", "gcp", "azure", "cloud", "oidc", "api", "github", "gitlab", "connection", "postgres", "postgresql", "pg", "mysql", "mariadb",
  "database", "db", "token", "tokens", "certificate", "certificates", "cert", "certs", "key", "keys", "role", "roles", "credentials", "creds",
  "access", "password", "passwords", "tls", "mtls", "kubeconfig", "kubernetes", "k8s", "service", "deploy", "signing", "vpn", "bucket", "s3",
  "bigquery", "stripe", "user", "login", "sso", "identity", "tunnel", "bridge",
];
const GREETING = /^(?:\s*(?:hi|hello|hey|hallo|bonjour|hola|ciao|ola|dag|moin|servus)\b[^\n,.!]{0,30}[,.!:]?)?\s*/;
const NOUN_OPENER = new RegExp(String.raw`^(?:${NOUN_OPENERS.join("|")})(?![\w'])`);

/** Yes/no questions open with an auxiliary: "does X go through flex-auth?", "can you sign my key?". */
const AUXILIARY_OPENER = /^\s*(?:do|does|did|is|are|was|were|can|could|should|would|will|may|might|must|has|have|am|kann|kannst|konnen|gibt|ist|sind|muss|est-ce|puis-je|peut-on|peux-tu|existe|hay|puedo|podemos|posso|possiamo|c'e|kan|moet|zijn)\b/;

const words = (list: readonly string[]) => new RegExp(String.raw`(?<![\w'])(?:${list.map((w) => w.replace(/ /g, "\\s+")).join("|")})(?!\w)`);
const QUESTION_WORD = words(QUESTION_WORDS);
const NEED = words(NEEDS);
const PROBLEM = words(PROBLEMS);

export function isRoutingQuestion(normalizedLower: string): boolean {
  if (QUESTION_WORD.test(normalizedLower) || NEED.test(normalizedLower) || PROBLEM.test(normalizedLower)) return true;
  if (normalizedLower.split("\n").some((line) => NOUN_OPENER.test(line.replace(GREETING, "")))) return true;
  // Only a sentence that ends in "?" is read as a yes/no question.
  return normalizedLower.split(/(?<=\?)|[.!\n]+/).some((sentence) => sentence.trimEnd().endsWith("?") && AUXILIARY_OPENER.test(sentence));
}
