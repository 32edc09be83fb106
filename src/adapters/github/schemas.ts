import { z } from "zod";
import type { ForgeComment, ForgeIssue, ForgePullRequest } from "../../domain/forge.ts";

/**
 * The few fields of GitHub's REST responses ops-warden reads, validated: a response outside this
 * shape is an error, not a guess. Everything else GitHub sends is ignored.
 */
const label = z.union([z.string(), z.object({ name: z.string() }).loose()]);
const labels = z.array(label).transform((list) => list.map((l) => (typeof l === "string" ? l : l.name)));
const state = z.enum(["open", "closed"]);
const user = z.object({ login: z.string(), type: z.string().optional() }).loose().nullable().optional();
type User = z.infer<typeof user>;

/** A deleted account shows as `null`; it is nobody's, so it can never be the bot. */
function author(u: User): { login: string; bot: boolean } | undefined {
  return u ? { login: u.login, bot: u.type === "Bot" } : undefined;
}

/** What PRs and issues share: GitHub serves a PR as an issue too. */
const issueLike = {
  number: z.number().int().positive(),
  html_url: z.string().url(),
  state,
  title: z.string(),
  body: z.string().nullable().optional(),
  labels,
  user,
};

export const PullSchema = z
  .object({
    ...issueLike,
    head: z.object({ ref: z.string() }).loose(),
    base: z.object({ ref: z.string() }).loose(),
    merged_at: z.string().nullable().optional(),
  })
  .loose();

export const IssueSchema = z
  .object({
    ...issueLike,
    pull_request: z.unknown().optional(),
  })
  .loose();

export const CommentSchema = z.object({ id: z.number().int(), html_url: z.string().url(), body: z.string().nullable().optional(), user }).loose();
export const IssueNodeSchema = z.object({ node_id: z.string().min(1) }).loose();
export const RepoSchema = z.object({ default_branch: z.string().min(1) }).loose();
export const PermissionSchema = z.object({ permission: z.string(), role_name: z.string().optional() }).loose();

export function toPull(raw: unknown): ForgePullRequest {
  const pr = PullSchema.parse(raw);
  return {
    number: pr.number,
    url: pr.html_url,
    state: pr.state,
    title: pr.title,
    body: pr.body ?? "",
    labels: pr.labels,
    ...withAuthor(pr.user),
    head: pr.head.ref,
    base: pr.base.ref,
    merged: Boolean(pr.merged_at),
  };
}

export function toIssue(raw: unknown): ForgeIssue {
  const issue = IssueSchema.parse(raw);
  return { number: issue.number, url: issue.html_url, state: issue.state, title: issue.title, body: issue.body ?? "", labels: issue.labels, ...withAuthor(issue.user) };
}

export function isPullRequestItem(raw: unknown): boolean {
  return IssueSchema.parse(raw).pull_request !== undefined;
}

export function toComment(raw: unknown): ForgeComment {
  const c = CommentSchema.parse(raw);
  return { id: c.id, url: c.html_url, body: c.body ?? "", author: author(c.user) ?? { login: "ghost", bot: false } };
}

function withAuthor(u: User): { author?: { login: string; bot: boolean } } {
  const a = author(u);
  return a ? { author: a } : {};
}
