import { readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { loadCatalog } from "../catalog/index.ts";
import { loadConfig } from "../config/load.ts";
import { UsageError } from "../domain/errors.ts";
import type { SignatureRecord } from "../domain/ssh.ts";
import { formatDuration, parseDuration } from "../domain/ssh.ts";
import { judgeIssueSshCertificate } from "../policy/judge/issue-ssh-certificate.ts";
import { createSecretScanner } from "../policy/secrets/index.ts";
import { looksLikePrivateKey, messageKey } from "../policy/ssh-keys.ts";
import { keyIdFor, signAndRecord } from "../worker/execute/sign.ts";
import type { FetchLike } from "../adapters/http/transport.ts";
import { buildSshLane } from "./ssh.ts";

export interface SignOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  routeId: string;
  principal: string;
  ttl?: string | undefined;
  keyId?: string | undefined;
  /** The public key file; the certificate is written beside it as `<key>-cert.pub`. */
  keyFile: string;
  now?: () => Date;
  fetch?: FetchLike;
}

export interface SignOutcome {
  record: SignatureRecord;
  certificateFile: string;
  /** True when a certificate for this key and route was still valid and was written again. */
  reused: boolean;
}

/**
 * `warden sign`: the same judge as the worker's, then the signer, then the signatures log.
 * Every refusal is a UsageError (exit 2) that names the fix.
 */
export async function signKeyFile(options: SignOptions): Promise<SignOutcome> {
  const text = await readKeyFile(options.keyFile);
  if (looksLikePrivateKey(text)) throw new UsageError(`${options.keyFile} holds a private key: give the public half (${privateToPublic(options.keyFile)}). A private key never leaves your machine; nothing was signed.`);
  const { config } = await loadConfig(options.root);
  const catalog = await loadCatalog(options.root, { scanner: createSecretScanner() });
  const route = catalog.routes.find((r) => r.id === options.routeId);
  const issueRoutes = catalog.routes.filter((r) => r.lane === "issue" && r.ssh).map((r) => r.id);
  if (!route) throw new UsageError(`no route "${options.routeId}" in the catalog; SSH certificate routes: ${issueRoutes.join(", ")}`);
  if (route.lane !== "issue" || !route.ssh) throw new UsageError(`route ${route.id} is lane ${route.lane}: ops-warden signs only for SSH certificate routes (${issueRoutes.join(", ")})`);
  if (route.ssh.approval === "maintainer") {
    throw new UsageError(`route ${route.id} needs a maintainer's approval for every certificate: send your public key to ops-warden on the State Hub (it opens the approval request); warden sign does not sign it`);
  }
  const ttl = options.ttl ?? route.ssh.max_ttl;
  if (parseDuration(ttl) === undefined) throw new UsageError(`--ttl ${ttl}: not a duration such as 30m, 8h or 1d (at most ${route.ssh.max_ttl} on ${route.id})`);
  const found = messageKey(text);
  if ("problem" in found) throw new UsageError(`${options.keyFile}: ${found.problem.replace("the message carries", "the file holds").replace("; reply with the one line of your .pub file", "; give the .pub file of an OpenSSH key")}`);
  if (!route.ssh.principals.includes(options.principal)) throw new UsageError(`--principal ${options.principal} is not allowed on route ${route.id}; allowed: ${route.ssh.principals.join(", ")}`);
  const action = { kind: "issue_ssh_certificate" as const, route_id: route.id, principals: [options.principal], ttl, key_fingerprint: found.key.fingerprint };
  const judged = judgeIssueSshCertificate(action, { messageKey: found, sender: undefined }, catalog);
  if (!judged.checked) throw new UsageError(`refused (${judged.verdict.rule}): ${judged.verdict.reason}`);
  const lane = buildSshLane({ root: options.root, env: options.env, config, mode: "manual", ...(options.fetch ? { fetch: options.fetch } : {}) });
  const now = (options.now ?? (() => new Date()))();
  const grant = judged.checked;
  const certificateFile = certificatePath(options.keyFile);
  const held = await lane.signatures.findValid(grant.key.fingerprint, route.id, now);
  if (held) {
    await writeFile(certificateFile, `${held.certificate}\n`);
    return { record: held, certificateFile, reused: true };
  }
  const signer = lane.signer;
  if (!signer) throw new UsageError(lane.missingSigner);
  const request = { public_key: grant.key.line, principals: grant.principals, ttl_seconds: grant.ttlSeconds, role: route.ssh.role, route_id: route.id, requester: requesterOf(options.env), key_fingerprint: grant.key.fingerprint };
  const keyId = options.keyId ?? keyIdFor(request);
  const record = await signAndRecord({ signer: { kind: signer.kind, sign: (r) => signer.sign({ ...r, keyId }) }, signatures: lane.signatures }, request, { actor: "cli", message_id: null, thread_id: null, key: `cli-${grant.key.fingerprint.slice(7, 19)}-${now.getTime()}` }, now);
  await writeFile(certificateFile, `${record.certificate}\n`);
  return { record, certificateFile, reused: false };
}

/** Every certificate in the signatures log; only those still valid unless `all`. */
export async function listSignatures(options: { root: string; env: NodeJS.ProcessEnv; all: boolean; now?: Date }): Promise<SignatureRecord[]> {
  const { config } = await loadConfig(options.root);
  const lane = buildSshLane({ root: options.root, env: options.env, config, mode: "manual" });
  const now = (options.now ?? new Date()).getTime();
  const records = await lane.signatures.all();
  return records.filter((r) => options.all || Date.parse(r.valid_before) > now).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

export function describeValidity(record: SignatureRecord): string {
  return `until ${record.valid_before} (TTL ${formatDuration(record.ttl_seconds)})`;
}

async function readKeyFile(path: string): Promise<string> {
  try {
    const text = await readFile(path, "utf8");
    if (text.length > 64 * 1024) throw new UsageError(`${path}: larger than 64 KiB; give one OpenSSH public key file (.pub)`);
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}); give the .pub file of your key`, { cause: error });
  }
}

/** `id_ed25519.pub` → `id_ed25519-cert.pub`, as ssh looks for it; any other name gets `-cert.pub` appended. */
export function certificatePath(keyFile: string): string {
  const name = basename(keyFile);
  return join(dirname(keyFile), name.endsWith(".pub") ? `${name.slice(0, -4)}-cert.pub` : `${name}-cert.pub`);
}

function privateToPublic(path: string): string {
  return path.endsWith(".pub") ? path : `${path}.pub`;
}

/** Who ran `warden sign`, for the signatures log: the login, as a name only. */
function requesterOf(env: NodeJS.ProcessEnv): string {
  const user = (env.USER || env.LOGNAME || "unknown").replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 60);
  return `cli:${user}`;
}
