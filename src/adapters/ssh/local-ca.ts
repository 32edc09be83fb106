import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import sshpk from "sshpk";
import type { SignedCertificate, SignRequest, SshSigner } from "../../domain/ssh.ts";
import { SignerError } from "../../domain/ssh.ts";
import { readCertificate } from "./certificate.ts";

/**
 * What an interactive user certificate usually permits (the `ssh-keygen -s` defaults without
 * X11): a terminal, agent and port forwarding (ops-bridge tunnels), and ~/.ssh/rc. sshpk's
 * `createCertificate` sets none, so they are added and the certificate signed again.
 * OpenSSH wants extensions sorted by name.
 */
const EXTENSIONS = ["permit-agent-forwarding", "permit-port-forwarding", "permit-pty", "permit-user-rc"];

/** Certificates start a minute in the past: a host whose clock is slightly behind still accepts them. */
const BACKDATE_MS = 60_000;

/**
 * A local CA (`WARDEN_SSH_CA_KEY`: an OpenSSH CA private key file, unencrypted) that signs
 * in-process with sshpk: for development, demos and tests. The key is read per signature and
 * never leaves this function.
 */
export function localCaSigner(caKeyPath: string, now: () => Date = () => new Date()): SshSigner {
  return {
    kind: "local-ca",
    async sign(request: SignRequest): Promise<SignedCertificate> {
      const caKey = await readCaKey(caKeyPath);
      const key = parsePublic(request.publicKey);
      const start = now().getTime();
      const serial = randomBytes(8);
      serial[0] = (serial[0] ?? 0) & 0x7f; // a positive 63-bit serial prints the same everywhere
      const cert = sshpk.createCertificate(
        request.principals.map((p) => sshpk.identityForUser(p)),
        key,
        sshpk.identityForUser("ops-warden-ca"),
        caKey,
        { validFrom: new Date(start - BACKDATE_MS), validUntil: new Date(start + request.ttlSeconds * 1000), serial },
      );
      const openssh = (cert.signatures as { openssh?: { keyId?: string; exts?: unknown[] } }).openssh;
      if (!openssh) throw new SignerError("local CA: sshpk made no OpenSSH signature", { code: "local_ca" });
      openssh.keyId = request.keyId;
      openssh.exts = EXTENSIONS.map((name) => ({ name, critical: false, data: Buffer.alloc(0) }));
      cert.signWith(caKey);
      const line = cert.toString("openssh");
      const read = readCertificate(line);
      if (!read) throw new SignerError("local CA: the certificate made does not read back", { code: "local_ca" });
      return read;
    },
  };
}

async function readCaKey(path: string): Promise<sshpk.PrivateKey> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SignerError(`WARDEN_SSH_CA_KEY: cannot read the CA key file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { code: "local_ca", cause: error });
  }
  try {
    return sshpk.parsePrivateKey(text, "auto");
  } catch (error) {
    // sshpk's message may describe the key; only its class is kept.
    throw new SignerError("WARDEN_SSH_CA_KEY is not an unencrypted OpenSSH or PEM private key", { code: "local_ca", cause: error instanceof Error ? error.name : "error" });
  }
}

function parsePublic(line: string): sshpk.Key {
  try {
    return sshpk.parseKey(line, "ssh");
  } catch {
    throw new SignerError("the public key to sign does not parse", { code: "local_ca" });
  }
}
