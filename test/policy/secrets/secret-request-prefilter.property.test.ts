import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectSecretRequest } from "../../../src/policy/secrets/secret-request.ts";
import { ASKS, ROUTING } from "../../fixtures/secrets/secret-requests.ts";

/**
 * The clause patterns' gates and the un-leet shortcut only skip work that cannot change the
 * answer: gated and ungated detection must agree. Texts are the fixture asks and routing
 * questions, edited word by word with the patterns' own vocabulary, leetspeak and spacing.
 */
const WORDS = [
  "what", "what's", "whats", "is", "are", "the", "value", "values", "of", "contents", "plain text", "clear text", "raw value",
  "actual string", "in", "stored in", "need", "want", "require", "looking for", "actual", "real", "unredacted", "itself",
  "kubectl get secret x -o yaml", "kubectl describe secret", "vault kv get", "bao read", "aws secretsmanager get-secret-value",
  "aws ssm get-parameter --with-decryption", "gcloud secrets versions access", "az keyvault secret show", "printenv", "cat ~/.env",
  "echo $DB_PASSWORD", "cat", "echo", "password", "p4ssw0rd", "s3cr3t", "t0k3n", "token", "api key", "kubeconfig", "creds",
  "billing_db_password", "send", "s3nd", "me", "us", "give", "get", "for", "how", "where", "don't", "owner", "route", "2fa code",
  "p a s s w o r d", "x1", "v2", "42", "route 7", "db-01", ",", ".", "?", "\n", "and", "but", "please",
];
const leet = (s: string) => s.replace(/a/g, "4").replace(/e/g, "3").replace(/o/g, "0").replace(/s/g, "5");
const recase = fc.constantFrom<(s: string) => string>((s) => s, (s) => s, (s) => s.toUpperCase(), leet);

const edited = fc
  .tuple(fc.constantFrom(...ASKS, ...ROUTING), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...WORDS), fc.nat(2)), { maxLength: 4 }), recase)
  .map(([text, edits, caseOf]) => {
    const words = text.split(" ");
    for (const [at, word, op] of edits) words.splice(at % (words.length + 1), op === 0 ? 0 : 1, ...(op === 2 ? [] : [word]));
    return caseOf(words.join(" "));
  });
const salad = fc.array(fc.tuple(fc.constantFrom(...WORDS), recase), { maxLength: 16 }).map((ws) => ws.map(([w, f]) => f(w)).join(" "));

describe("secret-request prefilter", () => {
  it("gives the same answer as running every clause pattern", () => {
    let asks = 0;
    let none = 0;
    fc.assert(
      fc.property(fc.oneof(edited, salad, fc.tuple(salad, edited).map(([a, b]) => `${a}. ${b}`)), (text) => {
        const gated = detectSecretRequest(text);
        expect(gated).toEqual(detectSecretRequest(text, { prefilter: false }));
        if (gated) asks++;
        else none++;
      }),
      { numRuns: 4000 },
    );
    // Both sides must be exercised, or the property proves nothing.
    expect(asks).toBeGreaterThan(500);
    expect(none).toBeGreaterThan(500);
  });
});
