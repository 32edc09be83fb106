import type { ForgeAuthor, ForgeIssue, ForgePullRequest, GitHubPort } from "../../domain/forge.ts";
import { BOT_BRANCH_PREFIX } from "../../domain/git.ts";
import type { Marker } from "../render/marker.ts";
import { readMarker } from "../render/marker.ts";

/** How the bot's existing PRs stand for one action key and content hash. */
export type PullRequestStanding =
  | { kind: "none" }
  | { kind: "open-same"; pr: ForgePullRequest }
  | { kind: "open-changed"; pr: ForgePullRequest }
  | { kind: "merged"; pr: ForgePullRequest }
  | { kind: "declined"; pr: ForgePullRequest };

interface Marked<T> {
  item: T;
  marker: Marker;
}

/**
 * The one trust rule for the bot's own work (executor, relays, dashboard): written by a Bot
 * account listed in `relay.bot_logins` (case-insensitive, as GitHub treats logins). Anyone can
 * paste a marker into an issue or comment they write; only the bot's own count.
 */
export function isOwnAuthor(author: ForgeAuthor | undefined, botLogins: readonly string[]): boolean {
  if (!author?.bot) return false;
  const login = author.login.toLowerCase();
  return botLogins.some((bot) => bot.toLowerCase() === login);
}

/** The marker of an artefact or comment, when the bot wrote it; undefined otherwise. */
export function ownMarker(item: { body: string; author?: ForgeAuthor | undefined }, botLogins: readonly string[]): Marker | undefined {
  return isOwnAuthor(item.author, botLogins) ? readMarker(item.body) : undefined;
}

/** Which of the bot's artefacts to list: PRs on `warden/` branches, issues under the escalation label. */
export async function listOwnWork(github: Pick<GitHubPort, "listPullRequests" | "listIssues">, issueLabel: string, botLogins: readonly string[]) {
  const pulls = marked(await github.listPullRequests({ headPrefix: BOT_BRANCH_PREFIX }), botLogins);
  const issues = marked(await github.listIssues({ label: issueLabel }), botLogins);
  return { pulls, issues };
}

/**
 * The bot's own PRs and issues, listed once per tick (every state, every page) and indexed by
 * the marker in their bodies. There is no database: GitHub is the record of what was done.
 * Artefacts created during the tick are added, so a later action in the same tick sees them.
 */
export class OwnWork {
  private constructor(
    private readonly pulls: Marked<ForgePullRequest>[],
    private readonly issues: Marked<ForgeIssue>[],
  ) {}

  static async load(github: GitHubPort, issueLabel: string, botLogins: readonly string[]): Promise<OwnWork> {
    const { pulls, issues } = await listOwnWork(github, issueLabel, botLogins);
    return new OwnWork(pulls, issues);
  }

  /**
   * An open PR wins (same or changed content); then a merged one; then a PR closed unmerged with
   * exactly this content, which is a maintainer's "no". A PR closed with other content is history.
   */
  pullRequestFor(key: string, hash: string): PullRequestStanding {
    const mine = this.pulls.filter((p) => p.marker.key === key);
    const open = mine.find((p) => p.item.state === "open");
    if (open) return { kind: open.marker.hash === hash ? "open-same" : "open-changed", pr: open.item };
    const merged = mine.find((p) => p.item.merged);
    if (merged) return { kind: "merged", pr: merged.item };
    const declined = mine.find((p) => p.marker.hash === hash);
    return declined ? { kind: "declined", pr: declined.item } : { kind: "none" };
  }

  issueFor(key: string): ForgeIssue | undefined {
    return this.issues.find((i) => i.marker.key === key)?.item;
  }

  /** The open escalation issue of a hub thread: a second message there becomes a comment. */
  openIssueForThread(threadId: string): ForgeIssue | undefined {
    return this.issues.find((i) => i.item.state === "open" && i.marker.thread_id === threadId)?.item;
  }

  openPullRequestCount(): number {
    return this.pulls.filter((p) => p.item.state === "open").length;
  }

  add(kind: "pull", item: ForgePullRequest): void;
  add(kind: "issue", item: ForgeIssue): void;
  add(kind: "pull" | "issue", item: ForgePullRequest | ForgeIssue): void {
    const marker = readMarker(item.body);
    if (!marker) return;
    if (kind === "pull") this.pulls.unshift({ item: item as ForgePullRequest, marker });
    else this.issues.unshift({ item, marker });
  }
}

function marked<T extends ForgeIssue>(items: readonly T[], botLogins: readonly string[]): Marked<T>[] {
  return items.flatMap((item) => {
    const marker = ownMarker(item, botLogins);
    return marker ? [{ item, marker }] : [];
  });
}
