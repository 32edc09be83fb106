import { z } from "zod";
import type { SignedCertificate, SignRequest, SshSigner } from "../../domain/ssh.ts";
import { formatDuration, SignerError } from "../../domain/ssh.ts";
import { DEFAULT_RETRY_POLICY } from "../http/retry.ts";
import type { FetchLike, HttpFailure, TransportOptions } from "../http/transport.ts";
import { callHttp } from "../http/transport.ts";
import { readCertificate } from "./certificate.ts";

export interface OpenBaoOptions {
  /** `BAO_ADDR`, e.g. `https://bao.internal:8200`. */
  address: string;
  /** `BAO_TOKEN`: sent only as `X-Vault-Token`, never logged, never in an error or argv. */
  token: string;
  /** The SSH engine's mount; default `ssh`. */
  mount?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const SignResponseSchema = z.object({ data: z.object({ serial_number: z.string().min(1).max(100), signed_key: z.string().min(1).max(20_000) }) });
const ErrorsSchema = z.object({ errors: z.array(z.string()) });

/**
 * The OpenBao SSH secrets engine (`POST /v1/{mount}/sign/{role}`). A signature is not idempotent
 * (each call makes a new certificate), so there is exactly one attempt: a failure leaves the
 * request for the next tick rather than minting two certificates.
 */
export function openBaoSigner(options: OpenBaoOptions): SshSigner {
  const mount = options.mount ?? "ssh";
  const transport: TransportOptions = {
    service: "openbao",
    baseUrl: options.address,
    token: options.token,
    tokenHeader: "x-vault-token",
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    dispatcher: undefined,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxResponseBytes: 1024 * 1024,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
    clock: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    fail: (failure: HttpFailure) => new SignerError(describe(failure), failure),
    errorDetail: (text) => {
      const parsed = ErrorsSchema.safeParse(safeJson(text));
      return parsed.success ? { code: "openbao_error", message: parsed.data.errors.join("; ") } : undefined;
    },
  };
  return {
    kind: "openbao",
    async sign(request: SignRequest): Promise<SignedCertificate> {
      const path = `/v1/${encodeURIComponent(mount)}/sign/${encodeURIComponent(request.role)}`;
      const body = { public_key: request.publicKey, valid_principals: request.principals.join(","), ttl: formatDuration(request.ttlSeconds), cert_type: "user", key_id: request.keyId };
      const reply = await callHttp(transport, { method: "POST", path, body, expect: [200] });
      const parsed = SignResponseSchema.safeParse(safeJson(reply.text));
      if (!parsed.success) throw new SignerError(`openbao POST ${path}: the answer is not {"data": {"serial_number", "signed_key"}}`, { code: "bad_response" });
      const certificate = readCertificate(parsed.data.data.signed_key.trim());
      if (!certificate) throw new SignerError(`openbao POST ${path}: signed_key is not an OpenSSH user certificate`, { code: "bad_response" });
      return { ...certificate, serial: parsed.data.data.serial_number };
    },
  };
}

/** 403 names the fix: the signing token (route ssh-signing-token) lacks the role's policy or expired. */
function describe(failure: HttpFailure): string {
  if (failure.status === 403 || failure.status === 401) {
    return `${failure.message}: the signing token is expired or lacks the policy for this role; mint a new one with credential-broker (route ssh-signing-token)`;
  }
  return failure.message;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
