import fc from "fast-check";

/**
 * Generated fake credentials of many formats, for property tests. They are assembled at test
 * time from random characters, so the repository holds no secret-shaped literal; `needle` is the
 * random core that must never appear in any output.
 */
export interface FakeSecret {
  format: string;
  text: string;
  needle: string;
}

const UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".split("");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".split("");
const B64 = [...ALNUM, "+", "/"];
const B64URL = [...ALNUM, "-", "_"];
const PUNCT = [...ALNUM, "!", "#", "%", "^", "*", "-", "_"];

const chars = (alphabet: string[], length: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });

const make = (format: string, core: fc.Arbitrary<string>, wrap: (core: string) => string): fc.Arbitrary<FakeSecret> =>
  core.map((needle) => ({ format, needle, text: wrap(needle) }));

const BEGIN = ["-----BEGIN", "RSA PRIVATE KEY-----"].join(" ");
const END = ["-----END", "RSA PRIVATE KEY-----"].join(" ");

export const fakeSecret: fc.Arbitrary<FakeSecret> = fc.oneof(
  make("aws-access-key-id", chars(UPPER32, 16), (c) => `AKIA${c}`),
  make("aws-secret-access-key", chars(B64, 40), (c) => `aws_secret_access_key = ${c}`),
  make("github-token", chars(ALNUM, 36), (c) => `ghp_${c}`),
  make("slack-token", chars(ALNUM, 24), (c) => `xoxb-1234567890-1234567890123-${c}`),
  make("private-key", chars(B64, 64), (c) => `${BEGIN}\nMIIEow${c}\n${c}\n${END}`),
  make("postgres-url", chars(PUNCT, 18), (c) => `postgres://billing:${c}@db.billing.internal:5432/billing`),
  make("bearer", chars(B64URL, 40), (c) => `Authorization: Bearer ${c}`),
  make("password-prose", chars(PUNCT, 16), (c) => `the password is ${c}`),
  make("vault-token", chars(ALNUM, 28), (c) => `hvs.${c}`),
  fc.tuple(chars(B64URL, 40), chars(B64URL, 43)).map(([payload, signature]) => ({
    format: "jwt",
    needle: `eyJ${payload}.${signature}`,
    text: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${payload}.${signature}`,
  })),
);
