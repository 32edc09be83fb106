import { z } from "zod";
import { ForgeError, ForgeRateLimitError } from "../../domain/errors.ts";
import type { PermissionLevel, ReactionContent, RepositoryRef } from "../../domain/forge.ts";
import type { AuthoredComment, RelayForge } from "../../domain/relay.ts";

/** The one Octokit method used: Probot's context.octokit and @octokit/rest both have it. */
export interface OctokitRequester {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
}

const PermissionSchema = z.object({ permission: z.string(), role_name: z.string().optional() });
const CommentSchema = z.object({
  id: z.number().int(),
  html_url: z.url(),
  body: z.string().nullable().optional(),
  user: z.object({ login: z.string(), type: z.string() }).nullable(),
});
const CommentsSchema = z.array(CommentSchema);
const LEVELS: readonly PermissionLevel[] = ["admin", "maintain", "write", "triage", "read", "none"];
const PAGE = 100;
/** A PR or issue with more comments than this is read only up to here (20 calls at most). */
const MAX_PAGES = 20;

/** The relays' GitHub calls over an authenticated Octokit; every response is validated. */
export function octokitRelayForge(octokit: OctokitRequester, repository: RepositoryRef): RelayForge {
  const repo = { owner: repository.owner, repo: repository.name };
  const call = async (what: string, route: string, parameters: Record<string, unknown>) => {
    try {
      return await octokit.request(route, { ...repo, ...parameters });
    } catch (error) {
      throw forgeError(what, error);
    }
  };
  return {
    async permissionLevel(login) {
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { ...repo, username: login });
        const parsed = parse("collaborator permission", PermissionSchema, data);
        // role_name tells maintain and triage apart, which `permission` folds into write and read.
        const level = (parsed.role_name && LEVELS.includes(parsed.role_name as PermissionLevel) ? parsed.role_name : parsed.permission) as PermissionLevel;
        return LEVELS.includes(level) ? level : "none";
      } catch (error) {
        if (statusOf(error) === 404) return "none";
        throw error instanceof ForgeError ? error : forgeError("collaborator permission", error);
      }
    },
    async listComments(issueNumber) {
      const all: AuthoredComment[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const { data } = await call("list comments", "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { issue_number: issueNumber, per_page: PAGE, page });
        const comments = parse("issue comments", CommentsSchema, data);
        for (const c of comments) {
          all.push({ id: c.id, url: c.html_url, body: c.body ?? "", author: { login: c.user?.login ?? "ghost", bot: c.user?.type === "Bot" } });
        }
        if (comments.length < PAGE) break;
      }
      return all;
    },
    async comment(issueNumber, body) {
      await call("comment", "POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { issue_number: issueNumber, body });
    },
    async reactToComment(commentId: number, content: ReactionContent) {
      await call("reaction", "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { comment_id: commentId, content });
    },
  };
}

function parse<T>(what: string, schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new ForgeError(`GitHub answered ${what} outside its contract: ${parsed.error.issues[0]?.message ?? "invalid"}`, { code: "contract" });
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

function forgeError(what: string, error: unknown): ForgeError {
  const status = statusOf(error);
  const message = `GitHub ${what} failed${status ? ` (HTTP ${status})` : ""}`;
  if (status === 429 || (status === 403 && /rate limit/i.test((error as Error).message ?? ""))) return new ForgeRateLimitError(message, { cause: error, status });
  return new ForgeError(message, { cause: error, ...(status === undefined ? {} : { status }) });
}

const IssueNodeSchema = z.object({ node_id: z.string().min(1) });
const PIN_ISSUE = "mutation($issueId: ID!) { pinIssue(input: { issueId: $issueId }) { issue { number } } }";

/** Pins an issue (the dashboard). GitHub offers this through GraphQL only, so it is a separate call. */
export function octokitPinIssue(octokit: OctokitRequester, repository: RepositoryRef): (issueNumber: number) => Promise<void> {
  return async (issueNumber) => {
    try {
      const { data } = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: repository.owner, repo: repository.name, issue_number: issueNumber });
      const { node_id } = parse("issue", IssueNodeSchema, data);
      const answer = await octokit.request("POST /graphql", { query: PIN_ISSUE, variables: { issueId: node_id } });
      const errors = (answer.data as { errors?: unknown[] } | null)?.errors;
      if (errors && errors.length > 0) throw new ForgeError("GitHub refused to pin the dashboard issue", { code: "pin" });
    } catch (error) {
      throw error instanceof ForgeError ? error : forgeError("pin issue", error);
    }
  };
}
