import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { localCaSigner } from "../../src/adapters/ssh/local-ca.ts";
import { openBaoSigner } from "../../src/adapters/ssh/openbao.ts";
import { signerFromEnv } from "../../src/adapters/ssh/signer-from-env.ts";
import { NO_SIGNER_HINT, SignerError } from "../../src/domain/ssh.ts";
import type { SshKeys } from "../support/ssh.ts";
import { sshKeys } from "../support/ssh.ts";

const BAO = "https://bao.test:8200";
const TOKEN = "s.fake-bao-signing-token-0000";

let keys: SshKeys;
beforeAll(async () => {
  keys = await sshKeys();
  nock.disableNetConnect();
});
afterAll(async () => {
  nock.enableNetConnect();
  await keys.cleanup();
});
afterEach(() => nock.cleanAll());

/** What the fake OpenBao signs with: a real certificate from a local CA, so the adapter's read-back is real too. */
async function realSignedKey(line: string, principals: string[]): Promise<string> {
  const cert = await localCaSigner(keys.caKeyFile).sign({ publicKey: line, principals, ttlSeconds: 3600, keyId: "bao", role: "r" });
  return cert.certificate;
}

describe("the OpenBao SSH engine adapter", () => {
  it("posts the public key, principals, TTL, cert type and key id with the token in X-Vault-Token only", async () => {
    const user = await keys.user("dana");
    const signedKey = await realSignedKey(user.line, ["builder"]);
    let seen: { token: string | null; authorization: string | null; body: unknown } | undefined;
    nock(BAO)
      .post("/v1/ssh-user/sign/build-hosts")
      .reply(async (request: Request) => {
        seen = { token: request.headers.get("x-vault-token"), authorization: request.headers.get("authorization"), body: await request.json() };
        return [200, { data: { serial_number: "5a:0b:11", signed_key: `${signedKey}\n` } }];
      });
    const signer = openBaoSigner({ address: BAO, token: TOKEN, mount: "ssh-user" });
    const signed = await signer.sign({ publicKey: user.line, principals: ["builder"], ttlSeconds: 8 * 3600, keyId: "ops-warden:ssh-build-hosts:agent", role: "build-hosts" });
    expect(seen?.body).toEqual({ public_key: user.line, valid_principals: "builder", ttl: "8h", cert_type: "user", key_id: "ops-warden:ssh-build-hosts:agent" });
    expect(seen?.token).toBe(TOKEN);
    expect(seen?.authorization).toBeNull();
    expect(signed.serial).toBe("5a:0b:11");
    expect(signed.principals).toEqual(["builder"]);
    expect(signed.certificate).toBe(signedKey);
  });

  it("a 403 names the fix (a new signing token from credential-broker) and never the token", async () => {
    const user = await keys.user("erin");
    nock(BAO).post("/v1/ssh/sign/build-hosts").reply(403, { errors: [`permission denied for token ${TOKEN}`] });
    const error = await openBaoSigner({ address: BAO, token: TOKEN }).sign({ publicKey: user.line, principals: ["builder"], ttlSeconds: 60, keyId: "k", role: "build-hosts" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignerError);
    expect((error as SignerError).status).toBe(403);
    expect((error as Error).message).toContain("credential-broker (route ssh-signing-token)");
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it("a 5xx fails after one attempt (a signature is not idempotent) with OpenBao's errors, redacted", async () => {
    const user = await keys.user("finn");
    const scope = nock(BAO).post("/v1/ssh/sign/build-hosts").reply(503, { errors: [`sealed; token ${TOKEN}`] });
    const error = await openBaoSigner({ address: BAO, token: TOKEN }).sign({ publicKey: user.line, principals: ["builder"], ttlSeconds: 60, keyId: "k", role: "build-hosts" }).catch((e: unknown) => e);
    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(SignerError);
    expect((error as SignerError).status).toBe(503);
    expect((error as Error).message).toContain("sealed");
    expect((error as Error).message).not.toContain(TOKEN);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a 400 and an answer outside the contract are errors too", async () => {
    const user = await keys.user("gail");
    const signer = openBaoSigner({ address: BAO, token: TOKEN });
    const request = { publicKey: user.line, principals: ["builder"], ttlSeconds: 60, keyId: "k", role: "build-hosts" };
    nock(BAO).post("/v1/ssh/sign/build-hosts").reply(400, { errors: ["ttl is greater than the role's max ttl"] });
    await expect(signer.sign(request)).rejects.toThrow(/400 openbao_error \(ttl is greater than the role's max ttl\)/);
    nock(BAO).post("/v1/ssh/sign/build-hosts").reply(200, { data: { serial_number: "1", signed_key: user.line } });
    await expect(signer.sign(request)).rejects.toThrow(/signed_key is not an OpenSSH user certificate/);
  });
});

describe("the signer the environment configures", () => {
  it("is OpenBao with BAO_* (VAULT_* as fallback), else the local CA, else none with the broker hint", () => {
    expect(signerFromEnv({ BAO_ADDR: BAO, BAO_TOKEN: TOKEN }, "/").signer?.kind).toBe("openbao");
    expect(signerFromEnv({ VAULT_ADDR: BAO, VAULT_TOKEN: TOKEN, WARDEN_SSH_CA_KEY: "ca" }, "/").signer?.kind).toBe("openbao");
    expect(signerFromEnv({ WARDEN_SSH_CA_KEY: "ca" }, "/").signer?.kind).toBe("local-ca");
    expect(signerFromEnv({}, "/").missing).toBe(NO_SIGNER_HINT);
    expect(NO_SIGNER_HINT).toContain("credential-broker exec ops-warden-warden-sign-token -- warden sign …");
    expect(signerFromEnv({ BAO_ADDR: BAO }, "/").missing).toMatch(/^BAO_ADDR is set but BAO_TOKEN is not/);
  });
});
