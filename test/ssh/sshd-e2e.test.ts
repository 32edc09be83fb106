import { execFileSync, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import sshpk from "sshpk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import { buildSshLane } from "../../src/runtime/ssh.ts";
import { executorWorld } from "../support/executor-world.ts";
import { message } from "../support/planner.ts";
import type { SshKeys } from "../support/ssh.ts";
import { certificateLine, sshKeys } from "../support/ssh.ts";

/**
 * End to end against a real OpenSSH server on 127.0.0.1: a certificate the worker issued logs in;
 * one for another principal is refused. Needs /usr/sbin/sshd, /usr/bin/ssh and root (sshd's
 * privilege separation); `.ci/run` installs Debian's openssh-server. Without them the test is
 * skipped and says why.
 */
const LOGIN = "warden-e2e";
const missing = [
  ["/usr/sbin/sshd", existsSync("/usr/sbin/sshd")],
  ["/usr/bin/ssh", existsSync("/usr/bin/ssh")],
  ["root", process.getuid?.() === 0],
].flatMap(([what, ok]) => (ok ? [] : [what as string]));
if (missing.length > 0) process.stderr.write(`sshd end-to-end test skipped: missing ${missing.join(", ")} (install openssh-server and run as root, as .ci/run does)\n`);

let keys: SshKeys;
let sshd: ChildProcess | undefined;
let port = 0;

beforeAll(async () => {
  keys = await sshKeys();
  if (missing.length > 0) return;
  ensureLoginUser();
  port = await freePort();
  const dir = keys.dir;
  const hostKey = join(dir, "host_ed25519");
  await writeFile(hostKey, sshpk.generatePrivateKey("ed25519").toString("ssh"), { mode: 0o600 });
  await writeFile(join(dir, "user_ca.pub"), `${keys.caPublic.toString("ssh")}\n`);
  const principals = join(dir, "principals");
  await mkdir(principals, { recursive: true });
  await chmod(dir, 0o711);
  await chmod(principals, 0o711);
  // The login user accepts certificates naming the principal "builder", and no other.
  await writeFile(join(principals, LOGIN), "builder\n", { mode: 0o644 });
  const config = [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, "sshd.pid")}`,
    `TrustedUserCAKeys ${join(dir, "user_ca.pub")}`,
    `AuthorizedPrincipalsFile ${principals}/%u`,
    "AuthorizedKeysFile none",
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    "StrictModes no",
    "PermitRootLogin no",
    "LogLevel VERBOSE",
  ].join("\n");
  await writeFile(join(dir, "sshd_config"), `${config}\n`);
  await mkdir("/run/sshd", { recursive: true });
  sshd = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
  await listening(port);
});

afterAll(async () => {
  sshd?.kill("SIGTERM");
  await keys.cleanup();
});

describe.skipIf(missing.length > 0)("a real sshd on 127.0.0.1 trusting the CA", () => {
  it("accepts a certificate the worker issued for an allowed principal and refuses one for another principal", async () => {
    const builder = await keys.user("builder-key");
    const deploy = await keys.user("deploy-key");
    const world = await executorWorld({
      messages: [
        message({ id: "m-builder", subject: "Re: route ssh-build-hosts", body: `${builder.line}\nprincipal: builder` }),
        message({ id: "m-deploy", subject: "Re: route ssh-build-hosts", body: `${deploy.line}\nprincipal: deploy-ci` }),
      ],
    });
    try {
      await world.tick({ ssh: buildSshLane({ root: keys.dir, env: { WARDEN_SSH_CA_KEY: keys.caKeyFile }, config: DEFAULT_CONFIG, mode: "manual" }) });
      const stored = await world.stored();
      for (const [id, key] of [["m-builder", builder], ["m-deploy", deploy]] as const) {
        const reply = stored.find((m) => m.in_reply_to === id && m.from_agent === "ops-warden");
        const line = certificateLine(reply?.body ?? "");
        expect(line, `a certificate in the reply to ${id}`).toBeDefined();
        await writeFile(`${key.privateFile}-cert.pub`, `${line}\n`);
      }
      const accepted = ssh(builder.privateFile);
      expect(accepted.status).toBe(0);
      expect(accepted.stdout.trim()).toBe("certificate login ok");
      const refused = ssh(deploy.privateFile);
      expect(refused.status).toBe(255);
      expect(refused.stderr).toMatch(/Permission denied/);
    } finally {
      await world.cleanup();
    }
  });
});

function ssh(identity: string): { status: number; stdout: string; stderr: string } {
  const args = ["-F", "/dev/null", "-i", identity, "-o", `CertificateFile=${identity}-cert.pub`, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=20", "-p", String(port), `${LOGIN}@127.0.0.1`, "echo certificate login ok"];
  try {
    return { status: 0, stdout: execFileSync("/usr/bin/ssh", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }), stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: String(e.stdout), stderr: String(e.stderr) };
  }
}

/** The login user exists with an unlocked account (no password: `*`), as sshd requires without PAM. */
function ensureLoginUser(): void {
  try {
    execFileSync("/usr/bin/id", [LOGIN], { stdio: "ignore" });
  } catch {
    execFileSync("/usr/sbin/useradd", ["-M", "-d", "/tmp", "-s", "/bin/sh", LOGIN], { stdio: "ignore" });
  }
  execFileSync("/usr/sbin/usermod", ["-p", "*", LOGIN], { stdio: "ignore" });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Waits until sshd accepts connections (readiness, not a timing assertion). */
async function listening(p: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(p, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("sshd did not start listening");
}
