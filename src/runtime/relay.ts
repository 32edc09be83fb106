import type { Logger as PinoLogger } from "pino";
import { OctokitForge } from "../adapters/github/forge.ts";
import type { OctokitRequester } from "../adapters/github/forge.ts";
import { createHubClient } from "../adapters/hub/index.ts";
import { createLogger } from "../adapters/log.ts";
import type { Logger } from "../domain/logger.ts";
import type { RelayDeps } from "../worker/relay/context.ts";
import { loadConfig } from "../config/load.ts";
import type { AuditSink } from "../domain/audit.ts";
import { ConfigError } from "../domain/errors.ts";
import type { HubClient } from "../domain/hub.ts";
import type { SecretScanner } from "../domain/secrets.ts";
import { redactKnownValues, secretValuesFromEnv } from "../domain/secrets.ts";
import { createSecretScanner } from "../policy/secrets/index.ts";
import type { RelayAudit } from "./relay-audit.ts";
import { startRelayAudit } from "./relay-audit.ts";
import type { SshExecuteDeps } from "../worker/execute/sign.ts";
import { buildSshLane } from "./ssh.ts";

export type { OctokitRequester };

/** Builds the relays' dependencies for one event, around that event's authenticated Octokit. */
export type RelayDepsFactory = (octokit: OctokitRequester, log: Logger) => RelayDeps;

export interface RelayAppOptions {
  /** Repository root: `.github/ops-warden.yml` is read from here. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Test seams; production builds the HTTP hub from WARDEN_HUB_URL and the full secret scanner. */
  hub?: HubClient;
  scanner?: SecretScanner;
  audit?: AuditSink;
  now?: () => Date;
  /** The SSH lane (signer, signatures log); default from the environment. */
  ssh?: SshExecuteDeps;
}

/**
 * The composition root of the GitHub App: config, the repository it serves, the hub, the secret
 * scanner and the audit sink, wired into the relays. The webhook server and the Actions entry
 * both build the app from what this returns.
 */
export async function buildRelayDeps(options: RelayAppOptions): Promise<RelayDepsFactory> {
  const { config } = await loadConfig(options.root);
  const repository = parseRepository(options.env.GITHUB_REPOSITORY);
  const scanner = options.scanner ?? createSecretScanner();
  let hub = options.hub;
  const lazyHub = () => (hub ??= hubFromEnv(options.env));
  const knownSecrets = secretValuesFromEnv(options.env);
  const settings = { repository: `${repository.owner}/${repository.name}`, botLogins: config.relay.bot_logins, quoteMaxChars: config.relay.quote_max_chars, linkHosts: config.replies.link_hosts, mode: config.mode };
  const now = options.now ?? (() => new Date());
  // Every relay is audited: the webhook server without an audit sink given records to the local trail.
  const audit = options.audit ?? (await buildRelayAudit(options.root, options.env)).sink;
  const ssh = options.ssh ?? buildSshLane({ root: options.root, env: options.env, config, mode: config.mode });
  return (octokit, log) => ({ settings, forge: new OctokitForge(octokit, repository), hub: lazyHub, scanner, knownSecrets, audit, log, now, ssh });
}

/** The relays' trail: the state dir's, delivered to the hub when one is configured, published to WARDEN_AUDIT_REF. */
export async function buildRelayAudit(root: string, env: NodeJS.ProcessEnv): Promise<RelayAudit> {
  const { config } = await loadConfig(root);
  const hub = env.WARDEN_HUB_URL?.trim() ? createHubClient(undefined, { env }) : undefined;
  return startRelayAudit({ root, env, config, ...(hub ? { hub } : {}) });
}

function parseRepository(value: string | undefined): { owner: string; name: string } {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value?.trim() ?? "");
  if (!match) throw new ConfigError("GITHUB_REPOSITORY must name the repository the bot works on, as owner/name (GitHub Actions sets it)");
  return { owner: match[1] as string, name: match[2] as string };
}

/** A relay must reach the real hub: the sample inbox is never a place to send a maintainer's decision. */
function hubFromEnv(env: NodeJS.ProcessEnv): HubClient {
  if (!env.WARDEN_HUB_URL?.trim()) throw new ConfigError("WARDEN_HUB_URL is not set: the relay has no State Hub to tell the requester on");
  return createHubClient(undefined, { env });
}

/** JSON log lines on stderr, credential values and fields censored, for Probot and the relays. */
export function relayLogger(env: NodeJS.ProcessEnv): PinoLogger {
  const values = secretValuesFromEnv(env);
  return createLogger((line) => process.stderr.write(redactKnownValues(line, values)), env.WARDEN_LOG_LEVEL ?? env.LOG_LEVEL ?? "info");
}
