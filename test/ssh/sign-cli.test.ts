import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nock from "nock";
import sshpk from "sshpk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import { localCaSigner } from "../../src/adapters/ssh/local-ca.ts";
import { captureIO, copyShippedCatalog } from "../catalog/helpers.ts";
import type { SshKeys } from "../support/ssh.ts";
import { sshKeygenList, sshKeys } from "../support/ssh.ts";

let keys: SshKeys;
let repo: { root: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  keys = await sshKeys();
  repo = await copyShippedCatalog();
  nock.disableNetConnect();
});
afterAll(async () => {
  nock.enableNetConnect();
  await keys.cleanup();
  await repo.cleanup();
});

async function warden(argv: string[], env: Record<string, string> = {}) {
  const io = { ...captureIO(repo.root), env: { WARDEN_STATE_DIR: join(keys.dir, "state"), USER: "alice", ...env } };
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const withCa = () => ({ WARDEN_SSH_CA_KEY: keys.caKeyFile });

describe("warden sign", () => {
  it("writes <key>-cert.pub beside the key, prints serial, principals, validity and fingerprint; sign list shows it", async () => {
    const user = await keys.user("id_ed25519");
    const run = await warden(["sign", "--route", "ssh-build-hosts", "--principal", "deploy-ci", "--ttl", "2h", "--key-id", "ci-runner-7", user.publicFile], withCa());
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const certFile = join(keys.dir, "id_ed25519-cert.pub");
    expect(run.out).toContain(`certificate: ${certFile}`);
    expect(run.out).toMatch(/^serial: \d+$/m);
    expect(run.out).toContain("principals: deploy-ci");
    expect(run.out).toMatch(/^valid: until \S+ \(TTL 2h\)$/m);
    expect(run.out).toContain(`key: ${user.fingerprint}`);
    const cert = sshpk.parseCertificate(await readFile(certFile, "utf8"), "openssh");
    expect(cert.isSignedByKey(keys.caPublic)).toBe(true);
    const listed = sshKeygenList(certFile);
    if (listed) expect(listed["Key ID"]).toBe('"ci-runner-7"');
    const list = await warden(["sign", "list", "--json"]);
    expect(list.code).toBe(0);
    const [record] = list.out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(record).toMatchObject({ route_id: "ssh-build-hosts", principals: ["deploy-ci"], requester: "cli:alice", key_fingerprint: user.fingerprint, signer: "local-ca" });
  });

  it("--json is one document; a second run within the TTL writes the same certificate again", async () => {
    const user = await keys.user("again");
    const first = JSON.parse((await warden(["sign", "--route", "ssh-build-hosts", "--principal", "builder", "--json", user.publicFile], withCa())).out) as Record<string, unknown>;
    const second = JSON.parse((await warden(["sign", "--route", "ssh-build-hosts", "--principal", "builder", "--json", user.publicFile], withCa())).out) as Record<string, unknown>;
    expect(first.reused).toBe(false);
    expect(second).toMatchObject({ reused: true, serial: first.serial, certificate: first.certificate });
  });

  it.each([
    ["a principal outside the policy", ["--principal", "root"], /--principal root is not allowed on route ssh-build-hosts; allowed: builder, deploy-ci/],
    ["a TTL over the maximum", ["--principal", "builder", "--ttl", "12h"], /longer than the route allows; at most 8h/],
    ["a TTL that is not a duration", ["--principal", "builder", "--ttl", "soon"], /not a duration such as 30m, 8h or 1d/],
  ])("refuses %s with exit 2, naming what is allowed", async (_what, flags, message) => {
    const user = await keys.user(`k${Math.random().toString(36).slice(2, 8)}`);
    const run = await warden(["sign", "--route", "ssh-build-hosts", ...flags, user.publicFile], withCa());
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });

  it("refuses a route of another lane, a production route, a private key, a weak key, a file that is not one key", async () => {
    const user = await keys.user("refusals");
    const base = ["sign", "--principal", "builder"];
    const cases: [string[], RegExp][] = [
      [["--route", "ssh-signing-token", user.publicFile], /route ssh-signing-token is lane owner-native: ops-warden signs only for SSH certificate routes \(ssh-build-hosts, ssh-production-hosts\)/],
      [["--route", "ssh-production-hosts", user.publicFile], /needs a maintainer's approval for every certificate: send your public key to ops-warden on the State Hub/],
      [["--route", "ssh-build-hosts", user.privateFile], /holds a private key: give the public half .*refusals\.pub/],
    ];
    const twoKeys = join(keys.dir, "two.pub");
    await writeFile(twoKeys, `${user.line}\n${(await keys.user("second")).line}\n`);
    cases.push([["--route", "ssh-build-hosts", twoKeys], /the file holds 2 public keys/]);
    const notAKey = join(keys.dir, "notes.pub");
    await writeFile(notAKey, "hello\n");
    cases.push([["--route", "ssh-build-hosts", notAKey], /no OpenSSH public key/]);
    const { generateKeyPairSync } = await import("node:crypto");
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
    const weak = join(keys.dir, "weak.pub");
    await writeFile(weak, `${sshpk.parseKey(publicKey, "pem").toString("ssh")}\n`);
    cases.push([["--route", "ssh-build-hosts", weak], /RSA key of 2048 bits is too weak \(at least 3072\)/]);
    for (const [flags, message] of cases) {
      const run = await warden([...base, ...flags], withCa());
      expect(run.code, flags.join(" ")).toBe(2);
      expect(run.err).toMatch(message);
      expect(run.err).not.toContain("PRIVATE KEY");
    }
  });

  it("with no signer configured, exits 2 with the credential-broker hint", async () => {
    const user = await keys.user("nosigner");
    const run = await warden(["sign", "--route", "ssh-build-hosts", "--principal", "builder", user.publicFile]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("credential-broker exec ops-warden-warden-sign-token -- warden sign …");
  });

  it("signs through OpenBao with the token from BAO_TOKEN, which appears nowhere in the output", async () => {
    const user = await keys.user("bao");
    const token = "s.fake-cli-signing-token-1234";
    const signed = await localCaSigner(keys.caKeyFile).sign({ publicKey: user.line, principals: ["builder"], ttlSeconds: 3600, keyId: "k", role: "build-hosts" });
    const scope = nock("https://bao.test").post("/v1/ssh/sign/build-hosts", (body: { valid_principals: string; ttl: string }) => body.valid_principals === "builder" && body.ttl === "1h").matchHeader("x-vault-token", token).reply(200, { data: { serial_number: "0a:1b", signed_key: signed.certificate } });
    const run = await warden(["sign", "--route", "ssh-build-hosts", "--principal", "builder", "--ttl", "1h", user.publicFile], { BAO_ADDR: "https://bao.test", BAO_TOKEN: token });
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(scope.isDone()).toBe(true);
    expect(run.out).toContain("serial: 0a:1b");
    expect(`${run.out}${run.err}`).not.toContain(token);
    nock("https://bao.test").post("/v1/ssh/sign/build-hosts").reply(403, { errors: ["permission denied"] });
    const other = await keys.user("bao403");
    const denied = await warden(["sign", "--route", "ssh-build-hosts", "--principal", "builder", other.publicFile], { BAO_ADDR: "https://bao.test", BAO_TOKEN: token });
    expect(denied.code).toBe(1);
    expect(denied.err).toContain("mint a new one with credential-broker (route ssh-signing-token)");
  });
});
