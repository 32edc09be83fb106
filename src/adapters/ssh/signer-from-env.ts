import { resolve } from "node:path";
import type { SshSigner } from "../../domain/ssh.ts";
import { NO_SIGNER_HINT } from "../../domain/ssh.ts";
import type { FetchLike } from "../http/transport.ts";
import { localCaSigner } from "./local-ca.ts";
import { openBaoSigner } from "./openbao.ts";

export type SignerChoice = { signer: SshSigner; missing?: undefined } | { signer?: undefined; missing: string };

/**
 * The signer the environment configures: OpenBao when an address and a token are set (`BAO_*`,
 * else `VAULT_*`), else a local CA from `WARDEN_SSH_CA_KEY`, else none, with the broker hint.
 * `WARDEN_SSH_MOUNT` names the SSH engine's mount (default `ssh`).
 */
export function signerFromEnv(env: NodeJS.ProcessEnv, cwd: string, seams: { fetch?: FetchLike } = {}): SignerChoice {
  const address = (env.BAO_ADDR || env.VAULT_ADDR)?.trim();
  const token = (env.BAO_TOKEN || env.VAULT_TOKEN)?.trim();
  if (address && token) {
    const mount = env.WARDEN_SSH_MOUNT?.trim() || "ssh";
    return { signer: openBaoSigner({ address, token, mount, ...(seams.fetch ? { fetch: seams.fetch } : {}) }) };
  }
  const caKey = env.WARDEN_SSH_CA_KEY?.trim();
  if (caKey) return { signer: localCaSigner(resolve(cwd, caKey)) };
  if (address && !token) return { missing: `BAO_ADDR is set but BAO_TOKEN is not; ${NO_SIGNER_HINT}` };
  return { missing: NO_SIGNER_HINT };
}
