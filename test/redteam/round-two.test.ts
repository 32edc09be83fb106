import { beforeAll, describe, expect, it } from "vitest";
import { keepKnownPieces, repositoryWords } from "../../src/policy/outbound.ts";
import { findNewCredentialWords, isCredentialShaped } from "../../src/policy/secrets/credential-words.ts";
import type { Planner } from "../../src/runtime/index.ts";
import { message, shippedPlanner } from "../support/planner.ts";
import { githubToken, randomFrom } from "./generators.ts";

/**
 * Shapes an independent red team got past the credential-shaped-word check, the plan's subject
 * and the escalation reasons. Values are generated per run; what is asserted is that a value
 * the secret rules may not know never reaches the plan's subject or an issue's reasons.
 */
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const base32Seed = () => randomFrom(`${UPPER}234567`, 30) + randomFrom("234567", 2);
const lowerDigitPassword = () => `${randomFrom(LOWER, 5)}${randomFrom(DIGITS, 4)}${randomFrom(LOWER, 5)}`;
const dashedHex = () => [8, 4, 4, 4, 12].map((n) => randomFrom("0123456789abcdef", n - 1) + randomFrom("0123456789", 1)).join("-");
const prefixedHex = () => `svc-${randomFrom("0123456789abcdef", 31)}7`;
const digitRunToken = () => `${randomFrom(UPPER + LOWER, 6)}${randomFrom(DIGITS, 8)}${randomFrom(UPPER + LOWER, 10)}`;

let planner: Planner;
beforeAll(async () => {
  planner = await shippedPlanner();
});

describe("credential-shaped words of two character classes", () => {
  it.each([
    ["a base32 seed", base32Seed],
    ["lower case and digits alternating", lowerDigitPassword],
    ["dashed hex", dashedHex],
    ["hex behind a prefix", prefixedHex],
  ])("catches %s", (_what, make) => {
    for (let i = 0; i < 20; i++) expect(isCredentialShaped(make())).toBe(true);
  });

  it.each(["ubuntu2204", "build-01-eu-west-1", "ssh-build-hosts", "id_ed25519.pub", "x86_64", "sha256sum", "AWS_ACCESS_KEY_ID", "2026-12-01T08:00:00Z", "v4.12.0-rc1"])(
    "leaves the identifier %j alone",
    (word) => {
      expect(isCredentialShaped(word)).toBe(false);
    },
  );

  it("joins a known token split by '# ' or '= '", () => {
    const token = githubToken();
    for (const sep of ["# ", "= ", "#", "="]) {
      const split = [token.slice(0, 10), token.slice(10, 20), token.slice(20, 30), token.slice(30)].join(sep);
      expect(findNewCredentialWords(`use ${split} for it`, new Set()).length).toBeGreaterThan(0);
    }
  });
});

describe("a value cut into short groups", () => {
  const groups = (value: string, size: number) => (value.match(new RegExp(`.{1,${size}}`, "g")) ?? []).join(" ");
  it.each([
    ["an AWS-style secret in 5-character groups", () => groups(randomFrom(UPPER + LOWER + DIGITS + "+/", 40), 5)],
    ["hex in 8-character groups", () => groups(randomFrom("0123456789abcdef", 32), 8)],
    ["a token in 7-character words", () => groups(`eyJ${randomFrom(UPPER + LOWER + DIGITS, 60)}`, 7)],
  ])("is read joined: %s", (_what, make) => {
    for (let i = 0; i < 10; i++) expect(findNewCredentialWords(`it broke: ${make()} again`, new Set()).length).toBeGreaterThan(0);
  });

  it("leaves lists of names and versions alone", () => {
    expect(findNewCredentialWords("hosts build-01 build-02 build-03 build-04 are ready", new Set())).toEqual([]);
    expect(findNewCredentialWords("We run Node 20 on ubuntu2204 with k8s 1.29 and ec2 m5.large in eu-west-1", new Set())).toEqual([]);
  });
});

describe("what a plan shows of a message", () => {
  it.each([
    ["a base32 seed", base32Seed],
    ["a token with a long digit run", digitRunToken],
    ["lower case and digits alternating", lowerDigitPassword],
  ])("withholds a subject holding %s, and the value appears nowhere in the plan", async (_what, make) => {
    const value = make();
    const plan = await planner.plan(message({ subject: `deploy failed with ${value} again`, body: "How do I get SSH access to the build hosts?" }));
    // The renderer shows the words it can read and `[…]` for the value; when a detector's finding
    // reaches across the subject into the body, the whole subject is withheld instead.
    expect(["deploy failed with […] again", "[REDACTED]"]).toContain(plan.subject);
    expect(JSON.stringify(plan)).not.toContain(value);
  });

  it("keeps an ordinary subject", async () => {
    const plan = await planner.plan(message({ subject: "SSH access for the nightly runner", body: "How do I get SSH access to the build hosts?" }));
    expect(plan.subject).toBe("SSH access for the nightly runner");
  });
});

describe("escalation reasons", () => {
  it("never carry a piece of the message that is not a plain or repository word", async () => {
    const value = lowerDigitPassword();
    const alias = `A${randomFrom(LOWER + DIGITS, 12)}9`;
    const bodies = [
      `Please apply:\n\n\`\`\`warden-change\nop: add\nrationale: new lane\n${value}: 1\nentry:\n  id: x\n\`\`\`\n`,
      `Please apply:\n\n\`\`\`warden-change\nop: add\nrationale: *${alias}\n\`\`\`\n`,
      `Please apply:\n\n\`\`\`warden-change\nop: playbook\npath: playbooks/${value}.md\nfind: a\nreplace: b\nrationale: r\n\`\`\`\n`,
    ];
    for (const body of bodies) {
      const plan = await planner.plan(message({ from_agent: "credential-broker", body }));
      const issues = plan.run.filter((a) => a.kind === "escalate");
      expect(issues.length).toBeGreaterThan(0);
      const text = JSON.stringify(issues);
      expect(text).not.toContain(value);
      expect(text).not.toContain(alias);
    }
  });

  it("keep route ids, rule names, scores and plain words", () => {
    const known = repositoryWords(planner.catalog);
    const reason = "no confident route; closest: ssh-build-hosts (0.45), oidc-ci-roles (0.41); rule warden/password-in-text";
    expect(keepKnownPieces(reason, known)).toBe(reason);
    expect(keepKnownPieces('there is no playbook at "playbooks/Hq4vN8sLw2.md"', known)).toBe('there is no playbook at "[…]"');
  });
});
