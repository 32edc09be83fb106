import type { WardenConfig } from "../../config/schema.ts";
import type { AuditMode, AuditSink } from "../../domain/audit.ts";
import type { EffectClaims } from "../../domain/claims.ts";
import type { GitHubPort } from "../../domain/forge.ts";
import type { GitIdentity, GitPort } from "../../domain/git.ts";
import type { HubClient } from "../../domain/hub.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import { OwnWork } from "./own-work.ts";
import type { SshExecuteDeps } from "./sign.ts";

/** Everything the executor acts through. Dry-run passes recording ports (see `recording.ts`). */
export interface ExecuteDeps {
  github: GitHubPort;
  git: GitPort;
  hub: HubClient;
  audit: AuditSink;
  /** Scans maintainers' words quoted to a requester (how a PR ended), as the relays do. */
  scanner: SecretScanner;
  /** Credential values from the environment, redacted from anything quoted. */
  knownSecrets: readonly string[];
  /** The bot's commit identity, from config. */
  identity: GitIdentity;
  config: WardenConfig;
  mode: AuditMode;
  tickId: string;
  now(): Date;
  /** Validates the catalog and playbooks as they would be with the change; returns the problems. */
  validateTree(files: ReadonlyMap<string, string>): Promise<string[]>;
  /** Claims on issue, PR and comment creation shared by every tick on this state directory. */
  claims?: EffectClaims;
  /** True for dry-run: outcomes are reported as `planned`. */
  dryRun?: boolean;
  /** The SSH lane: the signer and the signatures log (absent: `issue_ssh_certificate` fails, the message stays unread). */
  ssh?: SshExecuteDeps;
  /** Called as each action finishes; the CLI prints progress from it. */
  onOutcome?(messageId: string, kind: string, status: string): void;
}

/**
 * Per-tick state shared by the actions: the own-work index and the fetched origin are loaded
 * lazily, once, and only when the tick has an action that needs them.
 */
export class TickState {
  stopped: "rate-limited" | undefined;
  private work: Promise<OwnWork> | undefined;
  private origin: Promise<{ defaultBranch: string }> | undefined;
  private openedPullRequests = 0;

  constructor(readonly deps: ExecuteDeps) {}

  ownWork(): Promise<OwnWork> {
    this.work ??= OwnWork.load(this.deps.github, this.deps.config.labels.escalation[0] ?? "ops-warden", this.deps.config.relay.bot_logins);
    this.work.catch(() => (this.work = undefined));
    return this.work;
  }

  fetchedOrigin(): Promise<{ defaultBranch: string }> {
    this.origin ??= this.deps.git.fetch();
    this.origin.catch(() => (this.origin = undefined));
    return this.origin;
  }

  /** Reserves room for one more open bot PR under `open_pull_requests_max`. */
  takeOpenPullRequest(work: OwnWork): boolean {
    if (work.openPullRequestCount() + this.openedPullRequests >= this.deps.config.limits.open_pull_requests_max) return false;
    this.openedPullRequests += 1;
    return true;
  }
}
