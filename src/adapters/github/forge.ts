import { ForgeError } from "../../domain/errors.ts";
import type {
  ArtefactQuery,
  ArtefactState,
  ForgeComment,
  ForgeIssue,
  ForgePullRequest,
  GitHubPort,
  NewIssue,
  NewPullRequest,
  PermissionLevel,
  ReactionContent,
  RepositoryRef,
} from "../../domain/forge.ts";
import { forgeError } from "./errors.ts";
import { IssueNodeSchema, isPullRequestItem, PermissionSchema, RepoSchema, toComment, toIssue, toPull } from "./schemas.ts";

/** The one Octokit method used: Probot's `context.octokit` and `@octokit/rest` both have it. */
export interface OctokitRequester {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
}

const PER_PAGE = 100;
/** A listing is cut off here (10,000 items): a bound on what one tick may cost. */
const MAX_PAGES = 100;
const LEVELS: readonly PermissionLevel[] = ["admin", "maintain", "write", "triage", "read", "none"];
/**
 * Creations are not idempotent on GitHub: a 502 after the issue was made, retried blindly, makes
 * two. They are sent once; the executor looks its marker up before it tries again.
 */
const NO_RETRY = { request: { retries: 0 } };
const PIN_ISSUE = "mutation($issueId: ID!) { pinIssue(input: { issueId: $issueId }) { issue { number } } }";

/**
 * The one GitHub adapter (executor, relays, dashboard), over `request` only so it serves both
 * the workflow's Octokit and Probot's per-event one. Every response is validated, every failure
 * mapped by the one error mapper.
 */
export class OctokitForge implements GitHubPort {
  constructor(
    private readonly octokit: OctokitRequester,
    readonly repository: RepositoryRef,
  ) {}

  defaultBranch(): Promise<string> {
    return this.call("get repository", async () => RepoSchema.parse((await this.get("GET /repos/{owner}/{repo}")).data).default_branch);
  }

  listPullRequests(query: ArtefactQuery): Promise<ForgePullRequest[]> {
    return this.call("list pull requests", async () => {
      const raw = await this.all("GET /repos/{owner}/{repo}/pulls", { state: "all" });
      return raw.map(toPull).filter((pr) => (query.headPrefix !== undefined && pr.head.startsWith(query.headPrefix)) || (query.label !== undefined && pr.labels.includes(query.label)));
    });
  }

  listIssues(query: ArtefactQuery): Promise<ForgeIssue[]> {
    return this.call("list issues", async () => {
      const raw = await this.all("GET /repos/{owner}/{repo}/issues", { state: "all", ...(query.label ? { labels: query.label } : {}) });
      return raw.filter((item) => !isPullRequestItem(item)).map(toIssue);
    });
  }

  findOpenPullRequest(head: string): Promise<ForgePullRequest | undefined> {
    return this.call("find pull request", async () => {
      const { data } = await this.get("GET /repos/{owner}/{repo}/pulls", { state: "open", head: `${this.repository.owner}:${head}`, per_page: 1 });
      const list = Array.isArray(data) ? data : [];
      return list.length > 0 ? toPull(list[0]) : undefined;
    });
  }

  createPullRequest(pr: NewPullRequest): Promise<ForgePullRequest> {
    return this.call("create pull request", async () => toPull((await this.get("POST /repos/{owner}/{repo}/pulls", { ...pr, ...NO_RETRY })).data));
  }

  updatePullRequest(number: number, change: { title?: string; body?: string }): Promise<ForgePullRequest> {
    return this.call("update pull request", async () => toPull((await this.get("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { pull_number: number, ...change })).data));
  }

  createIssue(issue: NewIssue): Promise<ForgeIssue> {
    return this.call("create issue", async () => toIssue((await this.get("POST /repos/{owner}/{repo}/issues", { ...issue, ...NO_RETRY })).data));
  }

  updateIssue(number: number, change: { title?: string; body?: string; state?: ArtefactState }): Promise<ForgeIssue> {
    return this.call("update issue", async () => toIssue((await this.get("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { issue_number: number, ...change })).data));
  }

  listComments(issueNumber: number): Promise<ForgeComment[]> {
    return this.call("list comments", async () => (await this.all("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { issue_number: issueNumber })).map(toComment));
  }

  comment(issueNumber: number, body: string): Promise<ForgeComment> {
    return this.call("comment", async () => toComment((await this.get("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { issue_number: issueNumber, body, ...NO_RETRY })).data));
  }

  addLabels(issueNumber: number, labels: readonly string[]): Promise<void> {
    return this.call("add labels", async () => void (await this.get("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { issue_number: issueNumber, labels: [...labels] })));
  }

  addReaction(issueNumber: number, content: ReactionContent): Promise<void> {
    return this.call("add reaction", async () => void (await this.get("POST /repos/{owner}/{repo}/issues/{issue_number}/reactions", { issue_number: issueNumber, content })));
  }

  reactToComment(commentId: number, content: ReactionContent): Promise<void> {
    return this.call("add reaction", async () => void (await this.get("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { comment_id: commentId, content })));
  }

  pinIssue(issueNumber: number): Promise<void> {
    return this.call("pin issue", async () => {
      const { node_id } = IssueNodeSchema.parse((await this.get("GET /repos/{owner}/{repo}/issues/{issue_number}", { issue_number: issueNumber })).data);
      const answer = await this.octokit.request("POST /graphql", { query: PIN_ISSUE, variables: { issueId: node_id } });
      const errors = (answer.data as { errors?: unknown[] } | null)?.errors;
      if (errors && errors.length > 0) throw new ForgeError("GitHub refused to pin the dashboard issue", { code: "pin" });
    });
  }

  permissionLevel(login: string): Promise<PermissionLevel> {
    return this.call("get permission", async () => {
      try {
        const data = PermissionSchema.parse((await this.get("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { username: login })).data);
        // role_name tells maintain and triage apart, which `permission` folds into write and read.
        const level = (data.role_name && LEVELS.includes(data.role_name as PermissionLevel) ? data.role_name : data.permission) as PermissionLevel;
        return LEVELS.includes(level) ? level : "none";
      } catch (error) {
        if ((error as { status?: number }).status === 404) return "none";
        throw error;
      }
    });
  }

  private get(route: string, parameters: Record<string, unknown> = {}) {
    return this.octokit.request(route, { owner: this.repository.owner, repo: this.repository.name, ...parameters });
  }

  /** Every page, 100 at a time, until a short page (or the cap). */
  private async all(route: string, parameters: Record<string, unknown>): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const { data } = await this.get(route, { ...parameters, per_page: PER_PAGE, page });
      if (!Array.isArray(data)) throw new ForgeError(`GitHub answered ${route} with something other than a list`, { code: "forge_contract" });
      items.push(...data);
      if (data.length < PER_PAGE) break;
    }
    return items;
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw forgeError(operation, error);
    }
  }
}
