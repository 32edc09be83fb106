import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectValueRequest } from "../../../src/policy/secrets/value-request.ts";
import { ASKS, ROUTING } from "../../fixtures/secrets/secret-requests.ts";
import { propertyRuns } from "../../support/property-runs.ts";

/**
 * The value-request detector skips a sentence that holds none of its secret nouns' literals:
 * gated and ungated detection must agree. Texts mix the patterns' own vocabulary (hand-over
 * verbs, "set to", "first … characters of", "written here", "confirm", key pairs, the six other
 * languages' questions) with every noun, near misses that share a literal but are no noun
 * ("passport", "keyboard", "tokenizer", "clear"), sentence breaks and negations.
 */
const NOUNS = [
  "password", "passwort", "kennwort", "passphrase", "passcode", "pw", "pwd", "token", "jeton", "secret", "geheimnis", "secreto",
  "segreto", "segredo", "geheim", "api key", "api-key", "private key", "deploy key", "ssh key", "key", "public key", "host key",
  "schlussel", "cle", "clave", "chiave", "chave", "sleutel", "credential", "credentials", "creds", "connection string", "dsn",
  "mot de passe", "contrasena", "senha", "wachtwoord", "key pair", "keypair",
];
const NEAR = ["passport", "keyboard", "tokenizer", "clear", "secretary", "keys-store", "password reset", "token policy", "pwdx", "secrets"];
const WORDS = [
  "send", "give", "paste", "share", "post", "dm", "ping", "quote", "repeat", "echo", "print", "include", "attach", "tell", "reveal",
  "spell", "read out", "copy", "write down", "respond only with", "reply with", "remind", "schick", "gib", "envoie", "donne",
  "dame", "mandami", "stuur", "geef", "drop", "drop me", "me", "us", "the", "our", "billing", "hub", "was set to", "is set to",
  "starts with", "ends with", "looks like", "first 4 characters of", "last few digits of", "written here", "typed out below",
  "pasted in this thread", "confirm", "still", "currently", "contains a", "digit", "generate", "and", "in your reply", "here",
  "below", "in this thread", "wie lautet", "quel est", "cual es", "qual e", "wat is", "which characters", "what letters",
  "allowed", "how", "where", "who", "do not", "don't", "never", "route", "owner", "process", "please", ".", "?", "!", "\n", ",",
];
const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...WORDS) }, { weight: 2, arbitrary: fc.constantFrom(...NOUNS) }, { weight: 1, arbitrary: fc.constantFrom(...NEAR) });
const salad = fc.array(piece, { maxLength: 18 }).map((ws) => ws.join(" "));
const edited = fc
  .tuple(fc.constantFrom(...ASKS, ...ROUTING), fc.array(fc.tuple(fc.nat(), piece, fc.nat(2)), { maxLength: 4 }))
  .map(([text, edits]) => {
    const words = text.toLowerCase().split(" ");
    for (const [at, word, op] of edits) words.splice(at % (words.length + 1), op === 0 ? 0 : 1, ...(op === 2 ? [] : [word]));
    return words.join(" ");
  });

describe("value-request prefilter", () => {
  it("gives the same answer as reading every sentence", () => {
    let asks = 0;
    let none = 0;
    fc.assert(
      fc.property(fc.oneof(salad, edited), (text) => {
        const gated = detectValueRequest(text);
        expect(gated).toEqual(detectValueRequest(text, false));
        if (gated) asks++;
        else none++;
      }),
      { numRuns: propertyRuns(6000) },
    );
    // Both answers must be exercised, or the property proves nothing.
    expect(asks).toBeGreaterThan(50);
    expect(none).toBeGreaterThan(50);
  });

  it("gives the same answer on every fixture ask and routing question", () => {
    for (const text of [...ASKS, ...ROUTING].map((t) => t.toLowerCase())) expect(detectValueRequest(text), text).toEqual(detectValueRequest(text, false));
  });
});
