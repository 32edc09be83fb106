import { z } from "zod";
import { WardenError } from "./errors.ts";

/**
 * ops-warden's own lane: SSH user certificates. What a certificate allows (principals, lifetime,
 * who may ask, whether a maintainer approves) comes from the route's `ssh:` block in the catalog,
 * never from a message. Pure schemas, types and ports; the signers live in `adapters/ssh/`.
 */

/** A login name as sshd matches it against `AuthorizedPrincipalsFile`: no wildcards, no separators. */
export const PRINCIPAL = /^[a-z_][a-z0-9_-]{0,31}$/;

/** `30m`, `8h`, `1d`, `90s`: the forms OpenBao's `ttl` accepts and people write. */
export const DURATION = /^([1-9][0-9]{0,5})([smhd])$/;

const SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Seconds in a duration such as `8h`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS];
}

/** The shortest exact form: 28800 → `8h`, 5400 → `90m`. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [["d", 86_400], ["h", 3600], ["m", 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

export const SSH_APPROVALS = ["none", "maintainer"] as const;
export type SshApproval = (typeof SSH_APPROVALS)[number];

const duration = z.string().regex(DURATION, "must be a duration such as 30m, 8h or 1d");
const principal = z.string().regex(PRINCIPAL, "must be a plain user name (lowercase letters, digits, _ and -)");

/** The `ssh:` block every `lane: issue` route carries. */
export const SshPolicySchema = z
  .object({
    /** The principals a certificate of this route may name; a request picks from these, never adds. */
    principals: z.array(principal).min(1).max(20),
    /** The principal signed when the request names none. */
    default_principal: principal.optional(),
    /** The longest lifetime a certificate of this route may have; also the default. */
    max_ttl: duration,
    /** The OpenBao SSH engine role that signs for this route. */
    role: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be an OpenBao role name"),
    /** `maintainer`: a maintainer approves each request on GitHub before ops-warden signs. */
    approval: z.enum(SSH_APPROVALS).default("none"),
    /** Hub agents allowed to ask; absent: any agent. */
    requesters: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  })
  .strict();
export type SshPolicy = z.infer<typeof SshPolicySchema>;

/** A public key as code read it: the canonical line (no comment) and what the judge checks. */
export interface SshPublicKeyInfo {
  /** e.g. `ed25519`, `ecdsa`, `rsa`, `dsa`. */
  type: string;
  bits: number;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
  /** `ssh-ed25519 AAAA…` without the comment. */
  line: string;
}

export interface SignRequest {
  publicKey: string;
  principals: readonly string[];
  ttlSeconds: number;
  keyId: string;
  /** The OpenBao role (ignored by a local CA). */
  role: string;
}

export interface SignedCertificate {
  /** `ssh-ed25519-cert-v01@openssh.com AAAA…`: public, safe to send and log. */
  certificate: string;
  serial: string;
  principals: string[];
  validAfter: string;
  validBefore: string;
  keyId: string;
}

/** Signs user certificates: the OpenBao SSH engine in production, a local CA for development. */
export interface SshSigner {
  /** `openbao` or `local-ca`, for the audit and the output. */
  readonly kind: string;
  sign(request: SignRequest): Promise<SignedCertificate>;
}

/** One entry of the signatures log: who holds which certificate until when. Nothing in it is secret. */
export interface SignatureRecord {
  serial: string;
  key_fingerprint: string;
  principals: string[];
  ttl_seconds: number;
  valid_before: string;
  requester: string;
  route_id: string;
  approver?: string;
  signer: string;
  certificate: string;
  at: string;
  /** The idempotency key of the action that signed it, when read back from the log. */
  key?: string;
}

/** The audit action kind of a signature, and the one `warden sign list` reads. */
export const SIGN_ACTION = "sign";

/** Finds certificates already issued: one valid certificate per key and route at a time. */
export interface SignatureLog {
  /** A certificate for this key and route that is still valid at `now`, if any (newest first). */
  findValid(keyFingerprint: string, routeId: string, now: Date): Promise<SignatureRecord | undefined>;
  /** Writes the record to the audit chain (and remembers it for later lookups in this process). */
  add(record: SignatureRecord, context: SignatureContext): Promise<void>;
}

export interface SignatureContext {
  actor: "worker" | "relay" | "cli";
  message_id: string | null;
  thread_id: string | null;
  key: string;
}

/** The signer failed or refused (OpenBao 400/403/5xx, an unusable CA key). Exit 1; the message stays unread. */
export class SignerError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code: string;
  readonly status: number | undefined;

  constructor(message: string, options?: { cause?: unknown; code?: string; status?: number }) {
    super(message, options);
    this.code = options?.code ?? "signer";
    this.status = options?.status;
  }
}

/** What `warden sign` and the worker say when neither signer is configured (the original system's hint). */
export const NO_SIGNER_HINT =
  "no SSH signer is configured: set BAO_ADDR and BAO_TOKEN (the OpenBao SSH engine; VAULT_ADDR / VAULT_TOKEN also work) or WARDEN_SSH_CA_KEY (a local CA key file). " +
  "The signing token comes from credential-broker (route ssh-signing-token): credential-broker exec ops-warden-warden-sign-token -- warden sign …";
