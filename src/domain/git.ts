/**
 * Git as the executor sees it: a private checkout (a temp clone of the repository's `origin`,
 * never the user's working tree) on which proposal branches are built and pushed.
 * Implementations refuse any push outside `refs/heads/warden/` and any force-push to a branch
 * whose commits are not all the bot's own.
 */

export const BOT_BRANCH_PREFIX = "warden/";

export interface GitIdentity {
  name: string;
  email: string;
}

export interface FileWrite {
  /** Repository-relative path with forward slashes. */
  path: string;
  content: string;
}

export interface GitPort {
  /** Fetches `origin` afresh; returns the default branch and the commit it points at. */
  fetch(): Promise<{ defaultBranch: string; head: string }>;
  /** The `warden/*` branches on origin with their tip commits (from the last fetch). */
  botBranches(): Promise<Map<string, string>>;
  /** Checks out `branch` reset to `origin/<base>` in the private checkout. */
  branchFrom(branch: string, base: string): Promise<void>;
  writeFiles(files: readonly FileWrite[]): Promise<void>;
  /** Reads a file of the current checkout; undefined when absent. */
  readFile(path: string): Promise<string | undefined>;
  /** Every file of the checkout under `dirs`, for validating the result before pushing. */
  readFiles(dirs: readonly string[]): Promise<Map<string, string>>;
  /** Commits all changes as `author`; undefined when there was nothing to commit. */
  commit(message: string, author: GitIdentity): Promise<string | undefined>;
  /** The commit the branch's tip on origin has (from the last fetch), undefined if absent. */
  remoteTip(branch: string): Promise<string | undefined>;
  /** True when every commit on origin's `branch` after `base` was made by `author`. */
  onlyAuthoredBy(branch: string, base: string, author: GitIdentity): Promise<boolean>;
  /** Pushes the current HEAD to `refs/heads/<branch>` on origin; `force` replaces the bot's own branch. */
  push(branch: string, options?: { force?: boolean }): Promise<void>;
}

/** The one rule every implementation enforces before any push. */
export function isBotBranch(branch: string): boolean {
  return branch.startsWith(BOT_BRANCH_PREFIX) && /^warden\/[A-Za-z0-9._/-]+$/.test(branch) && !branch.includes("..") && !branch.endsWith("/");
}
