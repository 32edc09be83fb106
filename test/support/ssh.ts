import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sshpk from "sshpk";

/** Key files for SSH tests, made with sshpk in a temp dir (no ssh-keygen needed to make them). */
export interface SshKeys {
  dir: string;
  /** The CA private key file (OpenSSH format), for WARDEN_SSH_CA_KEY. */
  caKeyFile: string;
  caPublic: sshpk.Key;
  /** A user key: its private key file, .pub file and the .pub line. */
  user(name: string, type?: "ed25519" | "ecdsa"): Promise<{ privateFile: string; publicFile: string; line: string; fingerprint: string; privateText: string }>;
  cleanup(): Promise<void>;
}

export async function sshKeys(): Promise<SshKeys> {
  const dir = await mkdtemp(join(tmpdir(), "warden-ssh-"));
  const ca = sshpk.generatePrivateKey("ed25519");
  const caKeyFile = join(dir, "ca");
  await writeFile(caKeyFile, ca.toString("ssh"), { mode: 0o600 });
  return {
    dir,
    caKeyFile,
    caPublic: ca.toPublic(),
    async user(name, type = "ed25519") {
      const key = type === "ecdsa" ? sshpk.generatePrivateKey("ecdsa") : sshpk.generatePrivateKey("ed25519");
      const privateFile = join(dir, name);
      const privateText = key.toString("ssh");
      await writeFile(privateFile, privateText, { mode: 0o600 });
      const line = `${key.toPublic().toString("ssh")} ${name}@test`;
      await writeFile(`${privateFile}.pub`, `${line}\n`);
      return { privateFile, publicFile: `${privateFile}.pub`, line, fingerprint: key.fingerprint("sha256").toString(), privateText };
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** `ssh-keygen -L -f FILE`, parsed into its fields; undefined when ssh-keygen is not installed. */
export function sshKeygenList(file: string): Record<string, string> | undefined {
  if (!existsSync("/usr/bin/ssh-keygen")) return undefined;
  const text = execFileSync("/usr/bin/ssh-keygen", ["-L", "-f", file], { encoding: "utf8" });
  const fields: Record<string, string> = {};
  let current = "";
  for (const line of text.split("\n").slice(1)) {
    const m = /^\s+([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (m) {
      current = (m[1] as string).trim();
      fields[current] = (m[2] as string).trim();
    } else if (line.trim() !== "" && current) fields[current] = `${fields[current]} ${line.trim()}`.trim();
  }
  return fields;
}

/** The certificate line in a text (a reply body), if any. */
export function certificateLine(text: string): string | undefined {
  return /^(?:ssh-ed25519|ecdsa-sha2-nistp\d+|ssh-rsa)-cert-v01@openssh\.com AAAA\S+$/m.exec(text)?.[0];
}
