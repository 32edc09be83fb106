/**
 * Word lists for detectSecretRequest, as regex sources over normalized, lower-cased text.
 * Kept apart from the matching logic so the vocabulary can grow without touching it.
 */

/** Leetspeak-tolerant spelling: "p4ssw0rd", "s3cr3t", "t0k3n". */
function leet(word: string): string {
  const classes: Record<string, string> = { a: "[a4@]", e: "[e3]", i: "[i1!]", o: "[o0]", s: "[s5$]", t: "[t7]" };
  return [...word].map((ch) => classes[ch] ?? ch).join("");
}

const SEP = "[ _-]?";
const PASSWORD = `(?:${leet("pass")}[ _-]?(?:${leet("word")}|wd|${leet("phrase")}|code)s?|pwd|pw|p\\.w\\.?|pass(?=\\s+(?:for|to|of|on)\\b))`;
/** A secret named by what it does rather than what it is: "the string that unlocks …". */
const PARAPHRASE = String.raw`(?:string|phrase|word|characters|value|code)s?\s+(?:that\s+|which\s+)?(?:unlocks?|opens?|authenticates?|logs?\s+(?:\w+\s+)?in(?:to)?)\b`;
const SECRET = `${leet("secret")}s?`;
const TOKEN = `${leet("token")}s?`;
const KEY_KINDS = ["api", "access", "secret", "private", "ssh private", "signing", "master", "root", "encryption", "unseal", "recovery", "deploy", "service account", "license"];
const KEYS = `(?:${KEY_KINDS.map((k) => k.replace(/ /g, SEP)).join("|")})${SEP}keys?`;

/** Environment/config names that hold a secret: `billing_db_password`, `$github_token`. */
export const SECRET_VARIABLE = String.raw`\$?\{?[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(?:password|passwd|pwd|secret|token|key|credentials?|dsn|database_url)\b\}?`;

/** Files whose content is a secret. */
const SECRET_FILES = String.raw`(?:[~\w.-]*/)*(?:id_(?:rsa|dsa|ecdsa|ed25519)\b(?!\.pub)|\.env\b|\.pgpass|\.netrc|\.npmrc|\.git-credentials|\.aws/credentials|shadow\b|[\w-]+\.pem\b|[\w-]+\.key\b)`;

/** Things whose VALUE is a secret. */
export const SECRET_NOUN = [
  PASSWORD, SECRET, TOKEN, KEYS, `client${SEP}${SECRET}`, "cred(?:ential)?s", `connection${SEP}strings?`, "dsn",
  "otp", `(?:2fa|mfa|totp)${SEP}codes?`, `one${SEP}time${SEP}(?:code|password)s?`, `recovery${SEP}codes?`,
  "kubeconfig", `(?:session${SEP})?cookies?`, `env${SEP}(?:file|vars?|variables)`, `key${SEP}file`,
  SECRET_VARIABLE, SECRET_FILES, PARAPHRASE,
].join("|");

/** Words that, right after the noun, show it is a modifier: "password reset", "token policy". */
export const NOT_THE_HEAD = String.raw`(?!\s+(?:reset|policy|policies|manager|rotation|rotations|owner|owners|requirements?|expiry|expiration|expires?|expired|change|form|link|field|page|prompt|length|rules?|complexity|history|lane|route|routes|playbook|request|requests|process|docs?|documentation|scanner|scan|format|lifetime|ttl|scope|scopes|permissions?|holder|store|issuer|endpoint|url|service|team|system|type|name|names|id|path|location|refresh|generation|generator|flow|helper|hint|audit|leak|exposure|bucket|engine|backend|manager|vault|used\s+for|works?|handling)\b)`;

/** Words in a verb's object that make the sentence about something other than the value. */
export const ROUTING_WORDS = String.raw`\b(?:how|where|who|whom|which|when|whether|why|process|procedure|playbook|runbook|docs?|documentation|link|instructions?|guide|steps|form|ticket|page|url|route|routing|owner|owners|contact|team|policy|wiki|access|permission|permissions|name|names|rotation|request)\b`;

/** Handing a value over. */
export const STRONG_VERBS = String.raw`send|give|paste|share|tell|show|print|reveal|dump|display|output|echo|post|provide|hand(?:\s+over)?|forward|spell\s+out|type\s+out|write\s+out|read\s+out|(?:reply|replying|replied|respond|responding|responded|answer|answering|answered)\s+with|fill(?:ed|ing)?\s+(?:in|out)\s+with|include|attach|expose|disclose|leak|decrypt|cat|paste\s+in`;
/**
 * Verbs that are nouns as often as verbs ("email provider api key", "text field"): a hand-over
 * only with a recipient — "email me the token", "dm the key to us".
 */
export const AMBIGUOUS_VERBS = String.raw`dm|e-?mail|text|drop|slack|message`;
/** Obtaining something: a hand-over only when it is for the speaker ("get me …", "can you fetch …"). */
export const WEAK_VERBS = String.raw`get|fetch|grab|pull|retrieve|look\s+up|find|read|list|return|copy|export|decode|unseal`;

/** Commands whose output is a secret value. */
export const REVEALING_COMMANDS = String.raw`kubectl\s+(?:get\s+secrets?\b[^\n]*?(?:-o\s*(?:yaml|json|jsonpath)|--output)|describe\s+secrets?)|(?:vault|bao)\s+(?:kv\s+get|read)\b|aws\s+secretsmanager\s+get-secret-value|aws\s+ssm\s+get-parameters?\b[^\n]*--with-decryption|gcloud\s+secrets\s+versions\s+access|az\s+keyvault\s+secret\s+show|printenv\b|cat\s+${SECRET_FILES}|echo\s+${SECRET_VARIABLE}`;
