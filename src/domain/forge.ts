/**
 * The forge (GitHub) as ops-warden sees it: the one port for the few REST operations the executor,
 * the relays and the dashboard need, over plain records. The adapter validates every response with zod, so
 * these shapes are trusted once they reach the domain; bodies and titles are still untrusted text.
 */

export type ArtefactState = "open" | "closed";

export interface RepositoryRef {
  owner: string;
  name: string;
}

/** Who opened an artefact or wrote a comment, as GitHub reports it. */
export interface ForgeAuthor {
  login: string;
  /** GitHub's account type is `Bot`: an App or the Actions bot, never a person. */
  bot: boolean;
}

export interface ForgeIssue {
  number: number;
  /** The `html_url`, for links in replies and events. */
  url: string;
  state: ArtefactState;
  title: string;
  body: string;
  labels: string[];
  /** The account that opened it (e.g. `ops-warden[bot]`, a Bot); a marker from anyone else is forged. */
  author?: ForgeAuthor;
}

export interface ForgePullRequest extends ForgeIssue {
  /** Head branch name (without `refs/heads/`). */
  head: string;
  base: string;
  /** True when closed by a merge; a PR closed without merge is a maintainer's "no". */
  merged: boolean;
}

export interface ForgeComment {
  id: number;
  url: string;
  body: string;
  author: ForgeAuthor;
}

/** Which of the bot's artefacts to list: by label, by head-branch prefix, or both (any match). */
export interface ArtefactQuery {
  label?: string;
  headPrefix?: string;
}

export interface NewPullRequest {
  head: string;
  base: string;
  title: string;
  body: string;
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
}

export type PermissionLevel = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

/**
 * Every method is one logical GitHub operation; list methods page through everything
 * (`state=all`) so closed and merged artefacts are found again. Failures are `ForgeError`s;
 * a secondary rate limit is a `ForgeRateLimitError`, which ends a tick cleanly.
 */
export interface GitHubPort {
  readonly repository: RepositoryRef;
  defaultBranch(): Promise<string>;
  listPullRequests(query: ArtefactQuery): Promise<ForgePullRequest[]>;
  /** Issues only (pull requests, which the issues API also returns, are left out). */
  listIssues(query: ArtefactQuery): Promise<ForgeIssue[]>;
  /** The open PR from `head`, if any: how a "pull request already exists" race is resolved. */
  findOpenPullRequest(head: string): Promise<ForgePullRequest | undefined>;
  createPullRequest(pr: NewPullRequest): Promise<ForgePullRequest>;
  updatePullRequest(number: number, change: { title?: string; body?: string }): Promise<ForgePullRequest>;
  createIssue(issue: NewIssue): Promise<ForgeIssue>;
  updateIssue(number: number, change: { title?: string; body?: string; state?: ArtefactState }): Promise<ForgeIssue>;
  listComments(issueNumber: number): Promise<ForgeComment[]>;
  comment(issueNumber: number, body: string): Promise<ForgeComment>;
  /** Adds labels to an issue or PR (same number space); existing labels stay. */
  addLabels(issueNumber: number, labels: readonly string[]): Promise<void>;
  addReaction(issueNumber: number, content: ReactionContent): Promise<void>;
  /** A reaction on one comment (the relays confirm a relayed `/warden reply` with a 👍). */
  reactToComment(commentId: number, content: ReactionContent): Promise<void>;
  /** Pins an issue (the dashboard); GraphQL-only on GitHub. */
  pinIssue(issueNumber: number): Promise<void>;
  /** The collaborator permission of `login`, asked of the API; `none` for a non-collaborator. */
  permissionLevel(login: string): Promise<PermissionLevel>;
}

/** Permissions that may speak for the maintainers (`/warden reply`, a closing decision). */
export const MAINTAINER_LEVELS: readonly PermissionLevel[] = ["admin", "maintain", "write"];
