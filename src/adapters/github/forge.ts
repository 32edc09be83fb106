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
import type { WardenOctokitClient } from "./octokit.ts";
import { isPullRequestItem, PermissionSchema, RepoSchema, toComment, toIssue, toPull } from "./schemas.ts";

const PER_PAGE = 100;
const LEVELS: readonly PermissionLevel[] = ["admin", "maintain", "write", "triage", "read", "none"];

/** `GitHubPort` over the REST API; every response is validated, every failure typed. */
export class OctokitForge implements GitHubPort {
  constructor(
    private readonly octokit: WardenOctokitClient,
    readonly repository: RepositoryRef,
  ) {}

  private get repo() {
    return { owner: this.repository.owner, repo: this.repository.name };
  }

  defaultBranch(): Promise<string> {
    return this.call("get repository", async () => RepoSchema.parse((await this.octokit.rest.repos.get(this.repo)).data).default_branch);
  }

  listPullRequests(query: ArtefactQuery): Promise<ForgePullRequest[]> {
    return this.call("list pull requests", async () => {
      const raw = await this.octokit.paginate(this.octokit.rest.pulls.list, { ...this.repo, state: "all", per_page: PER_PAGE });
      return raw.map(toPull).filter((pr) => (query.headPrefix !== undefined && pr.head.startsWith(query.headPrefix)) || (query.label !== undefined && pr.labels.includes(query.label)));
    });
  }

  listIssues(query: ArtefactQuery): Promise<ForgeIssue[]> {
    return this.call("list issues", async () => {
      const raw = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, { ...this.repo, state: "all", per_page: PER_PAGE, ...(query.label ? { labels: query.label } : {}) });
      return raw.filter((item) => !isPullRequestItem(item)).map(toIssue);
    });
  }

  findOpenPullRequest(head: string): Promise<ForgePullRequest | undefined> {
    return this.call("find pull request", async () => {
      const { data } = await this.octokit.rest.pulls.list({ ...this.repo, state: "open", head: `${this.repository.owner}:${head}`, per_page: 1 });
      return data.length > 0 ? toPull(data[0]) : undefined;
    });
  }

  createPullRequest(pr: NewPullRequest): Promise<ForgePullRequest> {
    return this.call("create pull request", async () => toPull((await this.octokit.rest.pulls.create({ ...this.repo, ...pr })).data));
  }

  updatePullRequest(number: number, change: { title?: string; body?: string }): Promise<ForgePullRequest> {
    return this.call("update pull request", async () => toPull((await this.octokit.rest.pulls.update({ ...this.repo, pull_number: number, ...change })).data));
  }

  createIssue(issue: NewIssue): Promise<ForgeIssue> {
    return this.call("create issue", async () => toIssue((await this.octokit.rest.issues.create({ ...this.repo, ...issue })).data));
  }

  updateIssue(number: number, change: { title?: string; body?: string; state?: ArtefactState }): Promise<ForgeIssue> {
    return this.call("update issue", async () => toIssue((await this.octokit.rest.issues.update({ ...this.repo, issue_number: number, ...change })).data));
  }

  listComments(issueNumber: number): Promise<ForgeComment[]> {
    return this.call("list comments", async () => (await this.octokit.paginate(this.octokit.rest.issues.listComments, { ...this.repo, issue_number: issueNumber, per_page: PER_PAGE })).map(toComment));
  }

  comment(issueNumber: number, body: string): Promise<ForgeComment> {
    return this.call("comment", async () => toComment((await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issueNumber, body })).data));
  }

  addLabels(issueNumber: number, labels: readonly string[]): Promise<void> {
    return this.call("add labels", async () => void (await this.octokit.rest.issues.addLabels({ ...this.repo, issue_number: issueNumber, labels: [...labels] })));
  }

  addReaction(issueNumber: number, content: ReactionContent): Promise<void> {
    return this.call("add reaction", async () => void (await this.octokit.rest.reactions.createForIssue({ ...this.repo, issue_number: issueNumber, content })));
  }

  permissionLevel(login: string): Promise<PermissionLevel> {
    return this.call("get permission", async () => {
      try {
        const data = PermissionSchema.parse((await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.repo, username: login })).data);
        const level = (data.role_name ?? data.permission) as PermissionLevel;
        return LEVELS.includes(level) ? level : "none";
      } catch (error) {
        if ((error as { status?: number }).status === 404) return "none";
        throw error;
      }
    });
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw forgeError(operation, error);
    }
  }
}
