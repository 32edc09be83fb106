import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCaSigner } from "../../src/adapters/ssh/local-ca.ts";
import { createSecretScanner } from "../../src/policy/secrets/index.ts";
import { publicKeySpans, withoutPublicKeyMaterial } from "../../src/policy/ssh-keys.ts";
import type { SshKeys } from "../support/ssh.ts";
import { sshKeys } from "../support/ssh.ts";

let keys: SshKeys;
beforeAll(async () => {
  keys = await sshKeys();
});
afterAll(() => keys.cleanup());

describe("public key material is not a secret", () => {
  it("a finding wholly inside a well-formed public key or certificate is dropped; one outside, or in a line that does not parse, is kept", async () => {
    const user = await keys.user("pub");
    const cert = (await localCaSigner(keys.caKeyFile).sign({ publicKey: user.line, principals: ["builder"], ttlSeconds: 60, keyId: "k", role: "r" })).certificate;
    const text = `key: ${user.line}\ncert: ${cert}\ntoken: abc`;
    const spans = publicKeySpans(text);
    expect(spans).toHaveLength(2);
    const inKey = { rule: "warden/split-token", start: text.indexOf("AAAA") + 10, end: text.indexOf("AAAA") + 40 };
    const inCert = { rule: "warden/split-token", start: text.indexOf(cert) + 200, end: text.indexOf(cert) + 300 };
    const outside = { rule: "x", start: text.indexOf("abc"), end: text.indexOf("abc") + 3 };
    expect(withoutPublicKeyMaterial(text, [inKey, inCert, outside])).toEqual([outside]);
    // A base64 blob dressed as a key but not one: no span, findings kept.
    const fake = `ssh-ed25519 AAAA${"Zm9vYmFy".repeat(20)}`;
    expect(publicKeySpans(fake)).toEqual([]);
  });

  it("the scanner still finds a private key next to a public one", async () => {
    const user = await keys.user("both");
    const findings = await createSecretScanner().scan(`${user.privateText}\n${user.line}`);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((f) => f.start < user.privateText.length)).toBe(true);
  });
});
