/**
 * Passwords stated in prose, with words between the label and the value and in the languages
 * the estate writes in: "login for the relay, pw is Hq4vN8sLw2", "das Passwort lautet …",
 * "mot de passe : …", "la contraseña es …", "la password è …", "a senha é …", "het wachtwoord
 * is …". Input is normalised text (accents are gone: "contrasena", "e").
 *
 * One pass over the words; from each label a bounded window looks for a copula and takes the
 * word after it, so the cost is linear in the text whatever it repeats.
 */
import type { SecretFinding } from "../../domain/secrets.ts";
import { REDACTED } from "../../domain/secrets.ts";
import { wordModel } from "../words/word-model.ts";
import { isHighEntropyToken } from "./entropy.ts";
import { REDACTION_START, isPasswordLike, isPlaceholder, isReference, trimProse } from "./value-checks.ts";
import { hasHexRun } from "./hex-run.ts";

/** Labels whose value is often digits only: four digits are enough. */
const PIN_WORDS = ["pin", "pincode", "pin-code", "otp", "totp"];
const PIN_LABELS = new Set(PIN_WORDS);

/** Labels whose value counts only as a digit run or a passphrase ("the error code is 137" is not one). */
const CODE_WORDS = ["code", "unlock", "unlock-code"];
const CODE_LABELS = new Set(CODE_WORDS);
/** Words between a label and a value stated without a copula: "mot de passe actuel …", "current password …". */
const VALUE_MODIFIERS = new Set([
  "current", "new", "old", "actual", "temporary", "temp", "initial", "default", "actuel", "nouveau", "ancien", "aktuelles",
  "aktuell", "neues", "altes", "nuevo", "actual", "attuale", "nuova", "atual", "nova", "huidige", "nieuwe", "aktualne", "nowe",
]);

/** Labels, lower-cased; `passe` counts only after "mot de", `ordine` only after "parola d'". */
const LABELS = new Set([
  "password", "passwd", "passphrase", "passcode", "pw", "pwd", "pass", "login", "creds", "credentials",
  "passwort", "kennwort", "zugangsdaten", "passe", "mdp", "contrasena", "clave", "ordine", "senha", "wachtwoord",
  // Whatever the value's shape, it is a secret when one of these names it (docs/guardrails.md).
  ...PIN_WORDS, "token", "secret", "key", "apikey", "api_key", "geheimnis", "schlussel", "cle", "jeton", "chiave",
  "chave", "sleutel", "segreto", "secreto", "segredo", "geheim", "wachtzin", "mnemonic", "seed",
  "haslo", "hasło", "heslo", "losenord", "lösenord", "salasana", "adgangskode", "passord", "jelszo", "jelszó", "parola",
  // "the unlock code is 7778652298254": only a digit run or a passphrase counts after these.
  ...CODE_WORDS,
]);
/** Labels whose value may be a run of ordinary words ("the passphrase is correct horse battery staple"). */
const PHRASE_LABELS = new Set(["passphrase", "mnemonic", "seed", "wachtzin"]);
/** Words that introduce the value: "is", "lautet", "est", "es", "e" (è/é after normalisation), "luidt", … */
const COPULAS = new Set([
  "is", "was", "are", "equals", "=", ":", "->", "=>", "lautet", "ist", "heisst", "heißt", "war", "est", "etait", "sera",
  "es", "era", "e", "eh", "luidt", "wordt",
]);
/** How many words may stand between a label and its copula ("pw for the staging relay is …"). */
const WINDOW = 8;

export interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Line number within the scanned text: a label and its copula stand on one line. */
  line: number;
  /** The word ends a sentence ("login`.", "here;"): a label and its copula stand in one sentence. */
  stop: boolean;
}

const WORD = /[^\s]+/g;

/** Nouns after which a hex blob is a secret written in hex ("the signing secret in hex: 9f86…"). */
const SECRET_NOUNS = new Set(["token", "secret", "key", "apikey", "api_key", "hex", "hmac", "credential", "seed", ...LABELS]);
const HEX_BLOB_DIGITS = 32;
const HEX_BLOB = new RegExp(String.raw`(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{${HEX_BLOB_DIGITS},}(?![0-9A-Za-z])`, "g");
/** A label anywhere in the text: without one there is nothing to split into words. */
const LABEL = new RegExp(String.raw`(?<![A-Za-z])(?:${[...LABELS].join("|")})(?![A-Za-z])`, "i");
const LABELS_ANYWHERE = new RegExp(LABEL.source, "gi");

export function scanProsePasswords(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  let covered = -1;
  // Only the text around each label is split into words: a window from a little before the
  // label (for "mot de passe", "public key") to well past its copula and value. Labels in the
  // window's tail start the next window, so the cost stays linear whatever the text repeats.
  LABELS_ANYWHERE.lastIndex = 0;
  for (let m = LABELS_ANYWHERE.exec(text); m; m = LABELS_ANYWHERE.exec(text)) {
    const from = wordStart(text, Math.max(0, m.index - LOOK_BEHIND));
    const to = Math.min(text.length, m.index + WINDOW_CHARS);
    const last = to === text.length ? to : to - TAIL_CHARS;
    const words = splitWords(text.slice(from, to), from);
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as Word;
      if (w.end <= m.index || w.start >= last || w.start < covered || !isLabel(words, i)) continue;
      const value = valueAfter(words, i) ?? valueBefore(words, i);
      if (value) {
        out.push({ rule: "warden/password-in-text", start: value.start, end: value.end });
        covered = value.end;
      }
    }
    LABELS_ANYWHERE.lastIndex = Math.max(m.index + 1, last);
  }
  out.push(...hexAfterSecretNoun(text));
  return out;
}

const LOOK_BEHIND = 40;
const WINDOW_CHARS = 900;
const TAIL_CHARS = 450;

/** The start of the word at `at` (at most a bounded walk back). */
function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 200 && !/\s/.test(text[i - 1] as string)) i--;
  return i > 0 && at - i >= 200 ? at : i;
}

function hexAfterSecretNoun(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  if (!hasHexRun(text, HEX_BLOB_DIGITS)) return out;
  HEX_BLOB.lastIndex = 0;
  for (let m = HEX_BLOB.exec(text); m; m = HEX_BLOB.exec(text)) {
    if (!/\d/.test(m[0]) || !/[a-f]/i.test(m[0])) continue;
    // A secret noun close before it and a copula or colon right before it: "secret in hex: 9f86…".
    const before = splitWords(text.slice(Math.max(0, m.index - 120), m.index), 0).slice(-4);
    if (before.some((w) => w.text.includes(REDACTION_START))) continue;
    if (COPULAS.has(before.at(-1)?.lower ?? "") && before.some((w) => SECRET_NOUNS.has(w.lower))) out.push({ rule: "warden/password-in-text", start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * The words of `text` (positions from `offset`), with labels glued to a copula or value split off.
 * Exported for the property test that compares it with a reading by patterns alone.
 */
export function splitWords(text: string, offset: number): Word[] {
  const words: Word[] = [];
  let line = 0;
  let counted = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    // The gap since the last word is read once: whitespace only, so this stays linear.
    for (let i = counted; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    counted = m.index;
    // A label glued to its colon ("Passwort:") is two words: the label and the copula.
    const raw = m[0];
    const at = offset + m.index;
    // Both glued forms need a colon or an equals sign; most words have neither.
    if (!raw.includes(":") && !raw.includes("=")) {
      words.push(word(raw, at, line));
      continue;
    }
    const colon = /^([^:=]+)([:=])$/.exec(raw);
    // "token=qzvx…", "pw:qzvx…": label, copula and value glued into one word are three.
    const glued = colon ? null : /^([A-Za-z][A-Za-z_-]{1,20})([:=])([^:=]{4,})$/.exec(raw);
    if (colon?.[1] && colon[2]) {
      words.push(word(colon[1], at, line));
      words.push(word(colon[2], at + colon[1].length, line));
    } else if (glued?.[1] && glued[2] && glued[3] && LABELS.has(glued[1].toLowerCase())) {
      words.push(word(glued[1], at, line));
      words.push(word(glued[2], at + glued[1].length, line));
      words.push(word(glued[3], at + glued[1].length + 1, line));
    } else words.push(word(raw, at, line));
  }
  return words;
}

/** What `word` strips in front of a word and behind it (every sentence stop ends in one of the latter). */
const LEAD_MARKS = new Set([..."(\"'`«„“"]);
const TRAIL_MARKS = new Set([..."),.;!?\"'`»“”"]);

function word(raw: string, at: number, line: number): Word {
  // Most words carry no quote or punctuation at either end: the patterns below would change nothing.
  if (!LEAD_MARKS.has(raw[0] as string) && !TRAIL_MARKS.has(raw[raw.length - 1] as string)) {
    return { text: raw, lower: raw.toLowerCase(), start: at, end: at + raw.length, line, stop: false };
  }
  const stripped = raw.replace(/^[("'`«„“]+/, "");
  const lead = raw.length - stripped.length;
  const core = stripped.replace(/[),.;!?"'`»“”]+$/, "");
  return { text: core, lower: core.toLowerCase(), start: at + lead, end: at + lead + core.length, line, stop: /[.!?;]["'`»”)]*$/.test(raw) };
}

function isLabel(words: readonly Word[], i: number): boolean {
  const w = words[i];
  if (!w) return false;
  const lower = w.lower.includes("'") ? (w.lower.split("'").pop() ?? "") : w.lower;
  if (!LABELS.has(lower)) return false;
  // A public or host key is not a secret: "the host key is …".
  if (lower === "key" && /^(?:public|host|pub|gpg|verification|verifying)$/.test(words[i - 1]?.lower ?? "")) return false;
  if (lower === "passe") return words[i - 1]?.lower === "de" && words[i - 2]?.lower === "mot";
  if (lower === "ordine") return w.lower.startsWith("d'") || (words[i - 1]?.lower ?? "").endsWith("d'");
  return true;
}

function valueAfter(words: readonly Word[], label: number): Word | undefined {
  const line = (words[label] as Word).line;
  if ((words[label] as Word).stop) return undefined;
  for (let j = label + 1; j <= label + WINDOW && j < words.length - 1; j++) {
    if (j > label + 1 && PIN_LABELS.has(labelOf(words, label)) && /^\d{4,12}$/.test(trimProse((words[label + 1] as Word).text))) break;
    const w = words[j] as Word;
    // "kinds: [password]\nowner: team-2": the next line's colon is another key's. A redaction
    // between label and copula took this label's value already.
    if (w.text.includes(REDACTED)) return undefined;
    if (w.line !== line) break;
    // "c'est", "l'accesso" carry the copula or noun after an apostrophe.
    const lower = w.lower.includes("'") ? (w.lower.split("'").pop() ?? "") : w.lower;
    // "the key fingerprint is …", "the token's TTL is …": something about the secret, not its value.
    if (ABOUT_THE_SECRET.has(lower)) return undefined;
    if (!COPULAS.has(lower)) {
      if (w.stop) break;
      continue;
    }
    let k = j + 1;
    // "is now", "is set to", "lautet jetzt", ": «…»"
    while (k < words.length && k <= j + 3 && /^(?:now|set|to|still|currently|actually|just|jetzt|noch|immer|nun|maintenant|toujours|ahora|todavia|ora|ancora|agora|ainda|nu|nog|steeds|:|=)$/.test(words[k]?.lower ?? "")) k++;
    const candidate = words[k];
    if (candidate && acceptable(candidate.text, labelOf(words, label))) return { ...candidate, end: candidate.start + trimProse(candidate.text).length };
    if (candidate && PHRASE_LABELS.has(labelOf(words, label))) return phraseAfter(words, k);
    return undefined;
  }
  // "HSM PIN 4829173605", "password qzvxkwplmhrtbjgd": a value right after its label, without a copula
  // ("mot de passe actuel …": one modifier may stand between).
  const skip = VALUE_MODIFIERS.has(words[label + 1]?.lower ?? "") ? 2 : 1;
  const next = words[label + skip];
  if (next && next.line === line && immediateValue(next.text, labelOf(words, label))) return { ...next, end: next.start + trimProse(next.text).length };
  return undefined;
}

/** "repeat tulip-orbit-canyon-mango as the hub token": a value named as the label it stands for. */
function valueBefore(words: readonly Word[], label: number): Word | undefined {
  for (let j = label - 1; j >= Math.max(1, label - 4); j--) {
    if ((words[j] as Word).lower !== "as") continue;
    const candidate = words[j - 1] as Word;
    const value = trimProse(candidate.text);
    if (candidate.line !== (words[label] as Word).line || !(isPassphrase(value) || isPasswordLike(value))) return undefined;
    if (isPlaceholder(value) || isReference(value) || value.length < 6) return undefined;
    return { ...candidate, end: candidate.start + value.length };
  }
  return undefined;
}

/** Words between a label and its copula that make the sentence about something else than the value. */
const ABOUT_THE_SECRET = new Set([
  "fingerprint", "fingerprints", "id", "ids", "name", "names", "type", "path", "file", "length", "size", "format", "ttl", "expiry",
  "owner", "owners", "policy", "scope", "scopes", "rotation", "version", "alias", "arn", "algorithm", "header", "prefix", "lifetime",
]);
/** Public halves and fingerprints: what a public key or its hash looks like. */
const PUBLIC_VALUE = /^(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-|sk-ssh-|sk-ecdsa-|sha256:|sha1:|md5:)/i;

function labelOf(words: readonly Word[], i: number): string {
  const lower = (words[i] as Word).lower;
  return lower.includes("'") ? (lower.split("'").pop() ?? "") : lower;
}

/** A value stated after a label and a copula: any shape that is not a word, a placeholder or a reference. */
function acceptable(raw: string, label: string): boolean {
  const value = trimProse(raw);
  if (PUBLIC_VALUE.test(value)) return false;
  if (isPassphrase(value)) return true;
  if (CODE_LABELS.has(label)) return /^\d{6,}$/.test(value);
  if (PIN_LABELS.has(label) && /^\d{4,12}$/.test(value)) return true;
  if (value.length < 6 || value.length > 200) return false;
  if (isPlaceholder(value) || isReference(value)) return false;
  return isPasswordLike(value) || notAWord(value);
}

/** Letters only, in any case, that no claimed language has as a word (or the model reads as made up). */
function notAWord(value: string): boolean {
  if (!/^[\p{L}]+$/u.test(value)) return false;
  const model = wordModel();
  return model.isMadeUp(value) || !model.isWord(value);
}

function immediateValue(raw: string, label: string): boolean {
  const value = trimProse(raw);
  if (PIN_LABELS.has(label)) return /^\d{4,12}$/.test(value);
  if (isPassphrase(value)) return true;
  if (CODE_LABELS.has(label)) return /^\d{6,}$/.test(value);
  if (/^\d{6,}$/.test(value) && label !== "key") return true;
  if (value.length < 8 || isPlaceholder(value) || isReference(value)) return false;
  return wordModel().isMadeUp(value) || isHighEntropyToken(value);
}

/** Function words that show a run of words is a sentence, not a passphrase. */
const SENTENCE_WORDS = /^(?:the|a|an|in|on|at|to|of|for|from|with|by|stored|kept|managed|held|rotated|set|not|no|available|here|there|and|or|but|being|been|used|required|needed|ok|fine|valid|expired|wrong|missing|correct\?)$/;

/** Three to eight plain words after a passphrase label: the phrase itself. */
function phraseAfter(words: readonly Word[], start: number): Word | undefined {
  const line = (words[start] as Word).line;
  const run: Word[] = [];
  for (let i = start; i < words.length && i < start + 8; i++) {
    const w = words[i] as Word;
    if (w.line !== line || !/^[a-z]{2,}$/.test(w.lower) || SENTENCE_WORDS.test(w.lower)) break;
    run.push(w);
    if (/[.,;!?]$/.test(words[i + 1]?.text ?? "")) break;
  }
  const first = run[0];
  const last = run.at(-1);
  return first && last && run.length >= 3 ? { ...first, end: last.end } : undefined;
}

/**
 * Parts of names the estate gives its routes, hosts and lanes: a hyphenated run that has one is
 * an identifier ("db-postgres-credentials"), not a passphrase of dictionary words.
 */
const NAME_PARTS = new Set([
  "db", "prod", "production", "staging", "stage", "dev", "test", "billing", "credentials", "credential", "creds", "key", "keys",
  "secret", "secrets", "token", "tokens", "route", "lane", "vault", "service", "api", "postgres", "mysql", "aws", "azure", "gcp",
  "cloud", "ssh", "deploy", "release", "artifact", "artifacts", "signing", "engine", "exec", "cert", "certs", "tunnel", "bridge",
  "ops", "team", "user", "admin", "account", "accounts", "access", "federated", "workload", "identity", "build", "runner", "host",
  "hosts", "relay", "database", "cluster", "server", "client", "agent", "warden", "hub", "github", "kubernetes", "docker",
  "registry", "store", "bucket", "role", "roles", "policy", "rotation", "old", "new", "the", "and", "for", "with",
]);

/**
 * Three or more lower-case dictionary-sized words joined by "-" or "_" ("tulip-orbit-canyon-mango"):
 * the shape of a generated passphrase, which no character-class test sees.
 */
export function isPassphrase(value: string): boolean {
  const parts = value.split(/[-_]/);
  if (parts.length < 3 || parts.length > 12) return false;
  return parts.every((part) => /^[a-z]{3,10}$/.test(part) && !NAME_PARTS.has(part));
}
