import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import sshpk from "sshpk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCaSigner } from "../../src/adapters/ssh/local-ca.ts";
import type { SshKeys } from "../support/ssh.ts";
import { sshKeygenList, sshKeys } from "../support/ssh.ts";

let keys: SshKeys;
beforeAll(async () => {
  keys = await sshKeys();
});
afterAll(() => keys.cleanup());

describe("the local CA (WARDEN_SSH_CA_KEY)", () => {
  it("signs a user certificate that ssh-keygen -L reads: type, key id, principals, validity, extensions", async (ctx) => {
    const user = await keys.user("alice");
    const now = new Date("2026-12-08T10:00:00Z");
    const signed = await localCaSigner(keys.caKeyFile, () => now).sign({ publicKey: user.line, principals: ["builder", "deploy-ci"], ttlSeconds: 2 * 3600, keyId: "ops-warden:ssh-build-hosts:agent-a", role: "build-hosts" });
    expect(signed.principals).toEqual(["builder", "deploy-ci"]);
    expect(signed.validBefore).toBe("2026-12-08T12:00:00.000Z");
    expect(signed.validAfter).toBe("2026-12-08T09:59:00.000Z");
    const cert = sshpk.parseCertificate(signed.certificate, "openssh");
    expect(cert.isSignedByKey(keys.caPublic)).toBe(true);
    expect(cert.subjectKey.fingerprint("sha256").toString()).toBe(user.fingerprint);
    const file = join(keys.dir, "alice-cert.pub");
    await writeFile(file, `${signed.certificate}\n`);
    const listed = sshKeygenList(file);
    if (!listed) return ctx.skip("ssh-keygen is not installed (/usr/bin/ssh-keygen)");
    expect(listed.Type).toBe("ssh-ed25519-cert-v01@openssh.com user certificate");
    expect(listed["Key ID"]).toBe('"ops-warden:ssh-build-hosts:agent-a"');
    expect(listed.Serial).toBe(signed.serial);
    expect(listed.Principals).toBe("builder deploy-ci");
    expect(listed.Extensions).toBe("permit-agent-forwarding permit-port-forwarding permit-pty permit-user-rc");
    expect(listed["Critical Options"]).toBe("(none)");
    expect(listed["Signing CA"]).toContain(keys.caPublic.fingerprint("sha256").toString());
    // ssh-keygen prints local time; the span is what is checked here.
    const [from, to] = (listed.Valid ?? "").replace(/^from /, "").split(" to ");
    expect(Date.parse(to ?? "") - Date.parse(from ?? "")).toBe(2 * 3600 * 1000 + 60 * 1000);
  });

  it("gives every certificate its own serial", async () => {
    const user = await keys.user("bob", "ecdsa");
    const signer = localCaSigner(keys.caKeyFile);
    const request = { publicKey: user.line, principals: ["builder"], ttlSeconds: 600, keyId: "k", role: "r" };
    const [a, b] = [await signer.sign(request), await signer.sign(request)];
    expect(a.serial).not.toBe(b.serial);
    expect(a.certificate.startsWith("ecdsa-sha2-nistp256-cert-v01@openssh.com ")).toBe(true);
  });

  it("refuses with a typed error when the CA key file is missing or not a private key, quoting none of it", async () => {
    const user = await keys.user("carol");
    const request = { publicKey: user.line, principals: ["builder"], ttlSeconds: 600, keyId: "k", role: "r" };
    await expect(localCaSigner(join(keys.dir, "no-such-ca")).sign(request)).rejects.toThrow(/cannot read the CA key file \(ENOENT\)/);
    await expect(localCaSigner(user.publicFile).sign(request)).rejects.toThrow(/is not an unencrypted OpenSSH or PEM private key/);
  });
});
