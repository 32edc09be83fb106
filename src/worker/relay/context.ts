import type { AuditSink } from "../../domain/audit.ts";
import type { HubClient } from "../../domain/hub.ts";
import type { Logger } from "../../domain/logger.ts";
import type { GitHubPort } from "../../domain/forge.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import type { RolloutMode } from "../../config/schema.ts";
import type { SshExecuteDeps } from "../execute/sign.ts";
import type { QuoteRules } from "./quote.ts";

/** Who the relays serve and how much maintainer text they pass on. */
export interface RelaySettings {
  /** `owner/name` of the one repository the bot works on; events from any other are ignored. */
  repository: string;
  /** Logins whose PRs and issues are the bot's own (a marker in anyone else's body is forged). */
  botLogins: readonly string[];
  /** Cap on a maintainer comment quoted into a relay. */
  quoteMaxChars: number;
  /** `replies.link_hosts`: links in relayed maintainer text keep to them like every reply. */
  linkHosts: readonly string[];
  mode: RolloutMode;
}

export interface RelayDeps {
  settings: RelaySettings;
  /** GitHub, as the installation (or workflow) token sees the repository of the event. */
  forge: GitHubPort;
  /** Built on first use, so an event the relays ignore needs no hub configured. */
  hub: () => HubClient;
  scanner: SecretScanner;
  /** Credential values from the environment, redacted from every relayed text. */
  knownSecrets: readonly string[];
  audit: AuditSink | undefined;
  log: Logger;
  now: () => Date;
  /** The SSH lane, for `/warden approve` on an approval request (absent: approvals are refused with the hint). */
  ssh?: SshExecuteDeps;
}

/**
 * What a relay did with an event: relayed (possibly again, harmlessly), skipped (the hub already
 * holds this news under its key), refused, or ignored and why.
 */
export type RelayResult =
  | { outcome: "relayed"; key: string; hubMessage: string }
  | { outcome: "skipped"; key: string; reason: string }
  | { outcome: "refused"; reason: string }
  | { outcome: "ignored"; reason: string };

export function ignored(reason: string): RelayResult {
  return { outcome: "ignored", reason };
}

/** The quoting rules of this relay's deployment. */
export function quoteRules(deps: RelayDeps): QuoteRules {
  return { scanner: deps.scanner, knownSecrets: deps.knownSecrets, quoteMaxChars: deps.settings.quoteMaxChars, linkHosts: deps.settings.linkHosts };
}
