import { describe, expect, it } from "vitest";
import { redact } from "../../src/domain/secrets.ts";
import { createSecretScanner, normalizeForScan } from "../../src/policy/secrets/index.ts";
import { awsKeyId, connectionString, envPassword, githubToken, hexSecret, invisibleCharacter, lookAlike, password, privateKeyPem, prosePassword } from "./generators.ts";

/**
 * Class A of the red-team report: secrets the inbound scan missed, so the message was routed or
 * quoted instead of being escalated as `secret`. Every value is generated per run.
 */
const scanner = createSecretScanner();

/** True when any 8 consecutive characters of the secret are still readable after redaction (spaces squeezed). */
async function leftAfterRedaction(text: string, secret: string): Promise<boolean> {
  const findings = await scanner.scan(text);
  const readable = normalizeForScan(redact(text, findings)).replace(/\s+/g, "");
  const value = normalizeForScan(secret).replace(/\s+/g, "");
  for (let i = 0; i + 8 <= value.length; i++) if (readable.includes(value.slice(i, i + 8))) return true;
  return false;
}

describe("secrets the inbound scan must find, whatever the phrasing", () => {
  it.each(Array.from({ length: 8 }, (_, i) => i))("a prose password with words between label and value (%i)", async () => {
    const secret = password();
    expect(await leftAfterRedaction(prosePassword(secret), secret)).toBe(false);
  });

  it.each([1, 2, 3])("a *_PW environment form (%i)", async () => {
    const secret = password();
    expect(await leftAfterRedaction(`export ${envPassword(secret)}`, secret)).toBe(false);
  });

  it.each([1, 2, 3])("a connection string whose password holds / @ # or ? (%i)", async () => {
    const { text, secret } = connectionString();
    expect(await leftAfterRedaction(`dsn is ${text} for the job`, secret)).toBe(false);
  });

  it.each([1, 2, 3])("a GitHub token split by spaces (%i)", async () => {
    const token = githubToken();
    const pieces = token.match(/.{1,6}/g) ?? [];
    expect(await leftAfterRedaction(`my token is ${pieces.join(" ")} thanks`, token)).toBe(false);
  });

  it.each([1, 2, 3])("a GitHub token split by any invisible format character (%i)", async () => {
    const token = githubToken();
    const at = 14 + Math.floor(Math.random() * 12);
    expect(await leftAfterRedaction(`token ${token.slice(0, at)}${invisibleCharacter()}${token.slice(at)}`, token)).toBe(false);
  });

  it.each([1, 2, 3])("a key id with a look-alike letter from outside Cyrillic and Greek (%i)", async () => {
    const id = awsKeyId();
    const disguised = `${lookAlike("A")}${id.slice(1)}`;
    expect(await leftAfterRedaction(`key ${disguised} for uploads`, id.slice(1))).toBe(false);
  });

  it.each([1, 2, 3, 4])("private key material under a wrong, oddly spaced or missing header (%i)", async () => {
    const { pem, body } = privateKeyPem();
    // Groups shorter than any entropy rule's minimum: only the key's structure gives it away.
    const size = 10 + (body.length % 7);
    const spaced = pem.replace(body, (body.replace(/\n/g, "").match(new RegExp(`.{1,${size}}`, "g")) ?? []).join(" "));
    expect(await leftAfterRedaction(`here is the key\n${spaced}\nthanks`, body.replace(/\n/g, ""))).toBe(false);
  });

  it.each([1, 2])("a secret written in hex (%i)", async () => {
    const secret = hexSecret();
    expect(await leftAfterRedaction(`the webhook signing secret in hex: ${secret}`, secret)).toBe(false);
  });
});
