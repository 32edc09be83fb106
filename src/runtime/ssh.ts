import { auditSignatureLog, readSignatures } from "../adapters/ssh/signature-log.ts";
import { signerFromEnv } from "../adapters/ssh/signer-from-env.ts";
import type { FetchLike } from "../adapters/http/transport.ts";
import type { WardenConfig } from "../config/schema.ts";
import { loadCatalog } from "../catalog/index.ts";
import type { AuditMode, AuditSink } from "../domain/audit.ts";
import type { Catalog } from "../domain/catalog.ts";
import { createSecretScanner } from "../policy/secrets/index.ts";
import type { SignatureLog, SignatureRecord } from "../domain/ssh.ts";
import type { SshExecuteDeps } from "../worker/execute/sign.ts";
import type { AuditLocation } from "./audit.ts";
import { auditLocation, buildAuditTrail } from "./audit.ts";
import { auditRefFrom } from "./env.ts";
import { openAuditSource } from "./audit-branch.ts";

export interface SshLaneOptions {
  /** Repository root; the signatures log is the audit trail under its state directory. */
  root: string;
  env: NodeJS.ProcessEnv;
  config: WardenConfig;
  mode: AuditMode;
  tickId?: string | null;
  /** Where catalog/ is read for re-judging approvals (default: `root`). */
  catalogRoot?: string;
  /** Tests: the OpenBao adapter's fetch. */
  fetch?: FetchLike;
  /** The tick's own trail, so signatures reach the same chain (and the audit branch) as every other event. */
  sink?: AuditSink;
}

/**
 * The SSH lane's wiring for every entry point (worker, relay, `warden sign`): the signer the
 * environment configures and the signatures log in the audit trail.
 */
export function buildSshLane(options: SshLaneOptions): SshExecuteDeps & { signatures: SignatureLog & { all(): Promise<SignatureRecord[]> } } {
  const location = auditLocation(options.root, options.env, options.config);
  const sink = options.sink ?? buildAuditTrail(location, options.env);
  const signatures = auditSignatureLog({ dir: location.dir, sink, mode: options.mode, tickId: options.tickId ?? null, earlier: () => signaturesOnBranch(options.root, options.env, location) });
  const choice = signerFromEnv(options.env, options.root, options.fetch ? { fetch: options.fetch } : {});
  let catalog: Promise<Catalog> | undefined;
  const loadCurrent = () => (catalog ??= loadCatalog(options.catalogRoot ?? options.root, { scanner: createSecretScanner() }));
  return { signer: choice.signer, signatures, missingSigner: choice.missing ?? "", catalog: loadCurrent };
}

/** With WARDEN_AUDIT_REF set (a deployment), the signatures other runners recorded on the audit branch. */
async function signaturesOnBranch(root: string, env: NodeJS.ProcessEnv, local: AuditLocation): Promise<SignatureRecord[]> {
  if (!auditRefFrom(env)) return [];
  const source = await openAuditSource({ root, env, local });
  try {
    return source.branch ? await readSignatures(source.location.dir) : [];
  } finally {
    await source.dispose();
  }
}
