import type {
  ArtefactQuery,
  ArtefactState,
  ForgeAuthor,
  ForgeComment,
  ForgeIssue,
  ForgePullRequest,
  GitHubPort,
  NewIssue,
  NewPullRequest,
  PermissionLevel,
  ReactionContent,
  RepositoryRef,
} from "../../src/domain/forge.ts";
import { ForgeError } from "../../src/domain/errors.ts";

/** One call the in-memory forge received, for asserting what a tick wrote. */
export interface ForgeCall {
  method: keyof GitHubPort;
  write: boolean;
  args: unknown[];
}

const WRITES = new Set(["createPullRequest", "updatePullRequest", "createIssue", "updateIssue", "comment", "addLabels", "addReaction", "reactToComment", "pinIssue"]);

/**
 * A GitHub repository in memory: PRs and issues share one number space like on GitHub, every call
 * is recorded, and `failNext` makes a chosen method throw once (crash-safety tests).
 */
export class MemoryGitHub implements GitHubPort {
  readonly repository: RepositoryRef = { owner: "acme", name: "estate" };
  readonly pulls: ForgePullRequest[] = [];
  readonly issues: ForgeIssue[] = [];
  readonly comments = new Map<number, ForgeComment[]>();
  readonly reactions = new Map<number, ReactionContent[]>();
  readonly permissions = new Map<string, PermissionLevel>();
  readonly commentReactions = new Map<number, ReactionContent[]>();
  readonly pinned = new Set<number>();
  readonly calls: ForgeCall[] = [];
  /** Whom created artefacts are attributed to (the bot, unless a test plays a human). */
  login = "ops-warden[bot]";
  private nextNumber = 1;
  private nextCommentId = 1;
  private failures = new Map<string, Error>();
  private crashes = new Map<string, Error>();

  constructor() {
    // Every write can be made to succeed and then "crash" (throw), as a killed tick would.
    for (const method of WRITES) {
      const self = this as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const original = self[method]!.bind(this);
      self[method] = async (...args: unknown[]) => {
        const result = await original(...args);
        const crash = this.crashes.get(method);
        if (crash) {
          this.crashes.delete(method);
          throw crash;
        }
        return result;
      };
    }
  }

  /** The next call of `method` takes effect, then throws (a killed tick, or GitHub's 502 after the write). */
  crashAfterNext(method: keyof GitHubPort, error: Error = new Error(`injected crash after ${method}`)): void {
    this.crashes.set(method, error);
  }

  /** Injected crashes whose method was never called (a fault that did not fire proves nothing). */
  unfiredCrashes(): string[] {
    return [...this.crashes.keys()];
  }

  failNext(method: keyof GitHubPort, error: Error = new ForgeError("injected failure", { status: 500 })): void {
    this.failures.set(method, error);
  }

  writeCalls(): ForgeCall[] {
    return this.calls.filter((c) => c.write);
  }

  async defaultBranch(): Promise<string> {
    this.record("defaultBranch", []);
    return "main";
  }

  async listPullRequests(query: ArtefactQuery): Promise<ForgePullRequest[]> {
    this.record("listPullRequests", [query]);
    return this.pulls.filter((p) => matches(p, query, p.head)).map((p) => ({ ...p, labels: [...p.labels] }));
  }

  async listIssues(query: ArtefactQuery): Promise<ForgeIssue[]> {
    this.record("listIssues", [query]);
    return this.issues.filter((i) => matches(i, query, undefined)).map((i) => ({ ...i, labels: [...i.labels] }));
  }

  async findOpenPullRequest(head: string): Promise<ForgePullRequest | undefined> {
    this.record("findOpenPullRequest", [head]);
    const found = this.pulls.find((p) => p.head === head && p.state === "open");
    return found ? { ...found } : undefined;
  }

  async createPullRequest(pr: NewPullRequest): Promise<ForgePullRequest> {
    this.record("createPullRequest", [pr]);
    if (this.pulls.some((p) => p.head === pr.head && p.state === "open")) {
      throw new ForgeError(`A pull request already exists for acme:${pr.head}.`, { status: 422, code: "already_exists" });
    }
    const number = this.nextNumber++;
    const created: ForgePullRequest = { ...pr, number, url: this.url("pull", number), state: "open", labels: [], merged: false, author: this.author() };
    this.pulls.push(created);
    return { ...created };
  }

  async updatePullRequest(number: number, change: { title?: string; body?: string }): Promise<ForgePullRequest> {
    this.record("updatePullRequest", [number, change]);
    const pr = this.pullRequest(number);
    Object.assign(pr, definedOnly(change));
    return { ...pr };
  }

  async createIssue(issue: NewIssue): Promise<ForgeIssue> {
    this.record("createIssue", [issue]);
    const number = this.nextNumber++;
    const created: ForgeIssue = { ...issue, labels: [...issue.labels], number, url: this.url("issues", number), state: "open", author: this.author() };
    this.issues.push(created);
    return { ...created };
  }

  async updateIssue(number: number, change: { title?: string; body?: string; state?: ArtefactState }): Promise<ForgeIssue> {
    this.record("updateIssue", [number, change]);
    const issue = this.issue(number);
    Object.assign(issue, definedOnly(change));
    return { ...issue };
  }

  async listComments(issueNumber: number): Promise<ForgeComment[]> {
    this.record("listComments", [issueNumber]);
    return [...(this.comments.get(issueNumber) ?? [])];
  }

  async comment(issueNumber: number, body: string): Promise<ForgeComment> {
    this.record("comment", [issueNumber, body]);
    this.artefact(issueNumber);
    const id = this.nextCommentId++;
    const created: ForgeComment = { id, body, url: `${this.url("issues", issueNumber)}#issuecomment-${id}`, author: this.author() };
    this.comments.set(issueNumber, [...(this.comments.get(issueNumber) ?? []), created]);
    return { ...created };
  }

  async addLabels(issueNumber: number, labels: readonly string[]): Promise<void> {
    this.record("addLabels", [issueNumber, labels]);
    const target = this.artefact(issueNumber);
    target.labels = [...new Set([...target.labels, ...labels])];
  }

  async addReaction(issueNumber: number, content: ReactionContent): Promise<void> {
    this.record("addReaction", [issueNumber, content]);
    this.artefact(issueNumber);
    this.reactions.set(issueNumber, [...(this.reactions.get(issueNumber) ?? []), content]);
  }

  async reactToComment(commentId: number, content: ReactionContent): Promise<void> {
    this.record("reactToComment", [commentId, content]);
    this.commentReactions.set(commentId, [...(this.commentReactions.get(commentId) ?? []), content]);
  }

  async pinIssue(issueNumber: number): Promise<void> {
    this.record("pinIssue", [issueNumber]);
    this.issue(issueNumber);
    this.pinned.add(issueNumber);
  }

  /** Artefacts and comments are written by `login`; a login ending in `[bot]` is a Bot account. */
  author(): ForgeAuthor {
    return { login: this.login, bot: this.login.endsWith("[bot]") };
  }

  async permissionLevel(login: string): Promise<PermissionLevel> {
    this.record("permissionLevel", [login]);
    return this.permissions.get(login) ?? "none";
  }

  /** What a maintainer does on GitHub: close (optionally merging) a PR. */
  close(number: number, options: { merged?: boolean } = {}): void {
    const pr = this.pulls.find((p) => p.number === number);
    if (pr) Object.assign(pr, { state: "closed", merged: options.merged ?? false });
    else this.issue(number).state = "closed";
  }

  private record(method: keyof GitHubPort, args: unknown[]): void {
    this.calls.push({ method, write: WRITES.has(method), args });
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  private url(kind: "pull" | "issues", number: number): string {
    return `https://github.com/${this.repository.owner}/${this.repository.name}/${kind}/${number}`;
  }

  private pullRequest(number: number): ForgePullRequest {
    const pr = this.pulls.find((p) => p.number === number);
    if (!pr) throw new ForgeError(`no pull request #${number}`, { status: 404 });
    return pr;
  }

  private issue(number: number): ForgeIssue {
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) throw new ForgeError(`no issue #${number}`, { status: 404 });
    return issue;
  }

  private artefact(number: number): ForgeIssue {
    return this.pulls.find((p) => p.number === number) ?? this.issue(number);
  }
}

function matches(item: ForgeIssue, query: ArtefactQuery, head: string | undefined): boolean {
  if (query.label === undefined && query.headPrefix === undefined) return true;
  const byLabel = query.label !== undefined && item.labels.includes(query.label);
  const byHead = query.headPrefix !== undefined && head !== undefined && head.startsWith(query.headPrefix);
  return byLabel || byHead;
}

function definedOnly<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<T>;
}
