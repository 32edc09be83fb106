/**
 * A model-written reply passes the detectors inbound text passes: a reply that asks for a
 * secret, aims instructions at agents, forges an envelope or hides a block, names a host
 * outside the allowlist (bare names with file-like endings and numeric IPs included) or hands
 * over a download-and-execute command is refused, whatever model wrote it. Pure.
 */
import { detectEnvelope, detectHiddenBlock } from "./envelopes.ts";
import { detectHiddenText, detectInjection } from "./injection.ts";
import { addressesMachineOrReviewer, downloadAndExecute, newHostIn, secretIntoReply } from "./proposal-grammar.ts";
import { detectSecretRequest, normalizeForScan } from "./secrets/index.ts";
import { addressesAgents, foreignHost } from "./text-grammar.ts";
import type { Verdict } from "./verdict.ts";
import { downgrade } from "./verdict.ts";

export function replyReadsAsAttack(body: string, linkHosts: readonly string[]): Verdict | undefined {
  const text = normalizeForScan(body);
  const ask = detectSecretRequest(body) ?? (secretIntoReply(text) ? { phrase: secretIntoReply(text) ?? "" } : null);
  if (ask) return downgrade("secret-request", "secret", `the reply asks for a secret value ("${ask.phrase.slice(0, 60)}")`);
  const injection = detectHiddenText(body) ?? detectEnvelope(body) ?? detectHiddenBlock(body) ?? detectInjection(text);
  if (injection || addressesAgents(text)) return downgrade("injection", "policy", `the reply addresses instructions to agents${injection ? ` (${injection.pattern})` : ""}`);
  const addressed = addressesMachineOrReviewer(text);
  if (addressed) return downgrade("injection", "policy", `the reply ${addressed}`);
  const fetched = downloadAndExecute(text);
  if (fetched) return downgrade("reply-format", "policy", `the reply carries a download-and-execute command ("${fetched}")`);
  const host = foreignHost(text, linkHosts) ?? newHostIn(text, "", linkHosts);
  return host ? downgrade("reply-format", "policy", `the reply names a host outside replies.link_hosts (${host.slice(0, 60)})`) : undefined;
}
