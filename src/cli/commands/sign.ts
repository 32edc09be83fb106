import { resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../domain/errors.ts";
import type { SignatureRecord } from "../../domain/ssh.ts";
import { describeValidity, listSignatures, signKeyFile } from "../../runtime/sign.ts";
import type { CliContext } from "../program.ts";
import { resolveCatalogRoot } from "./catalog.ts";
import { ROOT_OPTION_HELP, describeHelp } from "../help.ts";

interface SignCliOptions {
  route?: string;
  principal?: string;
  ttl?: string;
  keyId?: string;
  json?: boolean;
  root?: string;
}

/** `warden sign` and `warden sign list`: the SSH lane for people and for `cert_command` users (docs/ssh.md). */
export function registerSignCommands(program: Command, ctx: CliContext): void {
  const sign = program
    .command("sign")
    .description("sign an SSH user certificate for a public key on a lane: issue route (writes <key>-cert.pub beside the key); signer: BAO_ADDR + BAO_TOKEN (OpenBao) or WARDEN_SSH_CA_KEY (local CA)")
    .argument("[pubkey-file]", "the OpenSSH public key file, e.g. ~/.ssh/id_ed25519.pub")
    .option("--route <id>", "the SSH certificate route, e.g. ssh-build-hosts")
    .option("--principal <name>", "the principal to sign, one of the route's ssh.principals")
    .option("--ttl <duration>", "certificate lifetime such as 30m or 8h (default and maximum: the route's ssh.max_ttl)")
    .option("--key-id <id>", "the certificate's key id (default ops-warden:<route>:cli:<user>)")
    .option("--json", "print one JSON document")
    .option("--root <dir>", ROOT_OPTION_HELP)
    .action(async (keyFile: string | undefined, options: SignCliOptions) => {
      if (!keyFile || !options.route || !options.principal) {
        throw new UsageError("give --route, --principal and the public key file, e.g. warden sign --route ssh-build-hosts --principal builder ~/.ssh/id_ed25519.pub");
      }
      const root = await resolveCatalogRoot(ctx, options.root);
      const started = Date.now();
      const result = await signKeyFile({ root, env: ctx.io.env, routeId: options.route, principal: options.principal, ttl: options.ttl, keyId: options.keyId, keyFile: resolve(ctx.io.cwd, keyFile) });
      const { record } = result;
      if (options.json) {
        ctx.io.out(JSON.stringify({ certificate_file: result.certificateFile, reused: result.reused, ...recordJson(record), duration_ms: Date.now() - started }, null, 2));
        return;
      }
      if (result.reused) ctx.io.err(`warden: a certificate for this key on ${record.route_id} is still valid; it was written again (one valid certificate per key and route)`);
      ctx.io.out(
        [
          `certificate: ${result.certificateFile}`,
          `serial: ${record.serial}`,
          `principals: ${record.principals.join(", ")}`,
          `valid: ${describeValidity(record)}`,
          `key: ${record.key_fingerprint}`,
          `route: ${record.route_id} (signer ${record.signer})`,
        ].join("\n"),
      );
    });

  describeHelp(sign, {
    examples: [
      ["warden sign --route ssh-build-hosts --principal builder ~/.ssh/id_ed25519.pub", "writes ~/.ssh/id_ed25519-cert.pub and prints serial, principals, validity and fingerprint"],
      ["warden sign --route ssh-build-hosts --principal builder --ttl 1h --json key.pub", "one JSON document, for cert_command users"],
    ],
    environment: [
      ["BAO_ADDR, BAO_TOKEN", "the OpenBao SSH engine that signs (VAULT_ADDR, VAULT_TOKEN as fallbacks); the token is never printed"],
      ["WARDEN_SSH_MOUNT", "the engine's mount (default ssh)"],
      ["WARDEN_SSH_CA_KEY", "a local CA private key file that signs in-process instead (development, demos, tests)"],
    ],
    exitCodes: [
      ["0", "signed (or a still-valid certificate for this key and route written again)"],
      ["1", "the signer failed"],
      ["2", "refused, naming the fix: principal or TTL outside the route's policy, not lane: issue, production, a private key, a weak key, not one public key, no signer"],
    ],
  });

  const list = sign
    .command("list")
    .description("the signatures log: who holds which SSH certificate until when (valid ones unless --all)")
    .option("--all", "include expired certificates")
    .option("--json", "one JSON record per line")
    .option("--root <dir>", ROOT_OPTION_HELP)
    .action(async (_options: unknown, command: Command) => {
      // `--json` and `--root` are also options of `sign` itself, which commander gives to the parent.
      const options = command.optsWithGlobals<{ all?: boolean; json?: boolean; root?: string }>();
      const root = await resolveCatalogRoot(ctx, options.root);
      const records = await listSignatures({ root, env: ctx.io.env, all: options.all === true });
      if (options.json) {
        ctx.io.out(records.map((r) => JSON.stringify(recordJson(r))).join("\n"));
        return;
      }
      if (records.length === 0) {
        ctx.io.out(options.all ? "no certificates signed yet" : "no valid certificates (use --all for expired ones)");
        return;
      }
      ctx.io.out(records.map(recordLine).join("\n"));
    });
  describeHelp(list, {
    examples: [
      ["warden sign list", "valid certificates: serial, route, principals, requester, valid until, key fingerprint"],
      ["warden sign list --all --json", "every signature ever recorded, one JSON record per line"],
    ],
    environment: [["WARDEN_STATE_DIR", "the signatures log is the audit trail there (default .warden/)"]],
  });
}

function recordJson(r: SignatureRecord): Record<string, unknown> {
  return { serial: r.serial, route_id: r.route_id, principals: r.principals, valid_before: r.valid_before, ttl_seconds: r.ttl_seconds, key_fingerprint: r.key_fingerprint, requester: r.requester, approver: r.approver ?? null, signer: r.signer, signed_at: r.at, certificate: r.certificate };
}

function recordLine(r: SignatureRecord): string {
  return `${r.at}  serial ${r.serial}  ${r.route_id}  ${r.principals.join(",")}  ${r.requester}  valid until ${r.valid_before}  ${r.key_fingerprint}${r.approver ? `  approved by ${r.approver}` : ""}`;
}
