/**
 * fast-check generators for the secret scanner's properties: prose of ops words and decoys,
 * secrets of many formats (exact formats of secretlint's rules, ours, and near misses), random
 * casing, random punctuation around them.
 */
import fc from "fast-check";
import { B62, B64, B64URL, DIGITS, HEX, LOWER, UPPER } from "../../fixtures/secrets/fake.ts";

const from = (alphabet: string, min: number, max = min) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
/** Around an exact length: exact most of the time, sometimes one or a few off. */
const near = (alphabet: string, n: number) => fc.oneof({ weight: 4, arbitrary: from(alphabet, n) }, { weight: 1, arbitrary: from(alphabet, Math.max(1, n - 3), n + 3) });
const cat = (...parts: Array<fc.Arbitrary<string> | string>) =>
  fc.tuple(...parts.map((p) => (typeof p === "string" ? fc.constant(p) : p))).map((xs) => xs.join(""));

const jsonToken = fc.string({ unit: fc.constantFrom(...B62), minLength: 80, maxLength: 120 }).map((s) => {
  let json = JSON.stringify({ secret: s });
  while (json.length % 3 !== 1) json = JSON.stringify({ secret: (s += "x") });
  return "ops_" + Buffer.from(json).toString("base64");
});

/** Formats secretlint's recommended preset reports, and close variants of them. */
const secretlintShaped: fc.Arbitrary<string> = fc.oneof(
  cat(fc.constantFrom("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), near(B62 + "_", 36)),
  cat("github_pat_", near(B62 + "_", 82)),
  cat("glpat-", from(B64URL, 18, 30)),
  cat("glc_", from(B64, 30, 40)),
  cat("glsa_", from(B62, 32), "_", from(HEX, 8)),
  cat("npm_", near(B62, 36)),
  cat(fc.constantFrom("xoxb-", "xoxp-", "xapp-", "xoxr-"), from(DIGITS, 1, 12), "-", from(B62, 1, 30)),
  cat(fc.constantFrom("https://hooks.slack.com", "HTTPS://HOOKS.SLACK.COM", "https://Hooks.Slack.com"), "/services/T", from(B62, 8), "/B", from(B62, 8), "/", from(B62, 24)),
  cat("SG.", from(B62 + "_", 22), ".", from(B62 + "_", 43)),
  cat(fc.constantFrom("shpat_", "shpss_", "shppa_"), near(HEX, 32)),
  cat("sk-ant-api03-", near(B64URL, 93), "AA"),
  cat("sk-", from(B62, 20), "T3BlbkFJ", from(B62, 20)),
  cat("gsk_", near(B62, 52)),
  cat("hf_", near(UPPER + LOWER, 34)),
  cat("lin_api_", from(B62, 30, 45)),
  cat("ntn_", from(DIGITS, 11), near(B62, 35)),
  jsonToken,
  cat(fc.constantFrom("hvs.", "hvr."), from(B64URL, 88, 122)),
  cat("hvb.", from(B64URL, 136, 150)),
  cat(fc.constantFrom("vcp_", "vci_", "vck_"), from(B62, 18, 62)),
  cat("dapi", near(HEX, 32)),
  cat("dckr_pat_", near(B64URL, 27)),
  cat("figd_", from(B64URL, 38, 50)),
  cat(fc.constantFrom("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "SecretAccessKey", "secret_access_key", "Secret_Access_Key", "secretaccesskey"), fc.constantFrom(" = ", "=", ": ", " => ", "='"), near(B64, 40)),
  cat(fc.constantFrom("https://", "http://", "ftp://", "HTTPS://"), from(B62 + "-_", 1, 10), ":", from(B62 + "-_", 1, 12), "@", from(LOWER, 2, 10), fc.constantFrom(".com", ".io", ".internal", "")),
  cat(fc.constantFrom("postgres://", "postgresql://", "mysql://", "mysqlx://", "jdbc:mysql://", "mongodb://", "mongodb+srv://", "MongoDB://", "redis://"), fc.option(cat(from(B62, 1, 8), ":", fc.constantFrom("password", "root", "${PW}", "p@ss", "S3cr3t-x", "ab"), "@"), { nil: "" }), from(LOWER, 2, 10), "/", from(LOWER, 0, 8)),
  cat("https://", from(B62, 5, 40), ":x-oauth-basic@github.com/acme/repo"),
  cat("//registry.npmjs.org/:_authToken=", fc.constantFrom("${NPM_TOKEN}", "$NPM", "abc", "npm_x")),
  cat("-----BEGIN ", fc.constantFrom("RSA ", "EC ", "OPENSSH ", "DSA ", ""), "PRIVATE KEY-----\n", fc.constantFrom("MII", "b3BlbnNzaC1rZXktdjE", "xx"), from(B64, 90, 200), "\n-----END ", fc.constantFrom("RSA ", "EC ", "OPENSSH ", ""), "PRIVATE KEY-----"),
);

/** Formats only our rules know, and prose-stated secrets. */
const wardenShaped: fc.Arbitrary<string> = fc.oneof(
  cat(fc.constantFrom("AKIA", "ASIA", "AROA"), from(UPPER + DIGITS, 16)),
  cat("Authorization: ", fc.constantFrom("Bearer ", "Basic ", "token ", ""), from(B64, 6, 40)),
  cat(fc.constantFrom("the password is ", "password: ", "pwd=", "token = ", "DB_PASSWORD=", "api key: "), from(B62 + "!#%", 3, 16)),
  cat("eyJ", from(B64URL, 10, 30), ".eyJ", from(B64URL, 10, 30), ".", from(B64URL, 0, 43)),
  cat(fc.constantFrom("s.", "hvs.", "b."), from(B62, 24, 30)),
  from(B64, 20, 64),
);

const words = fc.constantFrom(
  "the", "password", "token", "secret", "key", "access", "billing", "postgres", "route", "how", "do", "I", "get",
  "who", "owns", "SSH", "OIDC", "PRIVATE", "KEY", "BEGIN", "-----", "://", "@", "SG.", "hf_", "npm_", "dapi",
  "xox", "ghp_", "secret_access", "_key", "aws", "=", ":", "user:pass@", "https://wiki.example/x", "alice@example.com",
  "3f786850e387550fdab836ed7e6dc881de23001b", "123e4567-e89b-12d3-a456-426614174000", "catalog/routes/billing.yaml",
);
const punctuation = fc.constantFrom("", " ", "\n", '"', "'", "(", ")", "<", ">", "`", "[", "]", ",", ".", ":", "=", "/", "@", "_", "-", "\t");
const casing = fc.constantFrom<(s: string) => string>(
  (s) => s, (s) => s, (s) => s, (s) => s.toUpperCase(), (s) => s.toLowerCase(),
);

export const secretArb: fc.Arbitrary<string> = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: secretlintShaped }, { weight: 1, arbitrary: wardenShaped }), casing, punctuation, punctuation)
  .map(([secret, recase, before, after]) => before + recase(secret) + after);

/** Prose of ops words and decoys with 0–3 secrets mixed in. */
export const messageArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(words, { maxLength: 30 }), fc.array(secretArb, { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 3 }))
  .map(([prose, secrets, slots]) => {
    const parts: string[] = [...prose];
    secrets.forEach((s, i) => parts.splice((slots[i] ?? 0) % (parts.length + 1), 0, s));
    return parts.join(" ");
  });
