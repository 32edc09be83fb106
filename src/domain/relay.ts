import type { PermissionLevel, ReactionContent } from "./forge.ts";

/**
 * What the relays (the GitHub App) need from GitHub beyond the executor's GitHubPort: who wrote
 * a comment, and reactions on a comment. Kept as its own small port so the relays depend only on
 * the four calls they make.
 */
export interface CommentAuthor {
  login: string;
  /** GitHub's account type is `Bot`: an App or the Actions bot, never a person. */
  bot: boolean;
}

export interface AuthoredComment {
  id: number;
  url: string;
  body: string;
  author: CommentAuthor;
}

export interface RelayForge {
  /** The collaborator permission of `login` on the repository, asked of the API; `none` when not a collaborator. */
  permissionLevel(login: string): Promise<PermissionLevel>;
  /** Every comment on an issue or pull request, oldest first. */
  listComments(issueNumber: number): Promise<AuthoredComment[]>;
  comment(issueNumber: number, body: string): Promise<void>;
  reactToComment(commentId: number, content: ReactionContent): Promise<void>;
}

/** Permissions that may speak for the maintainers (`/warden reply`, a declining comment). */
export const MAINTAINER_LEVELS: readonly PermissionLevel[] = ["admin", "maintain", "write"];
