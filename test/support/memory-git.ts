import { contentHash } from "../../src/domain/keys.ts";
import type { FileWrite, GitIdentity, GitPort } from "../../src/domain/git.ts";
import { isBotBranch } from "../../src/domain/git.ts";
import { GitError } from "../../src/domain/errors.ts";

export interface MemoryCommit {
  sha: string;
  parent: string | undefined;
  author: GitIdentity;
  message: string;
  files: Map<string, string>;
}

/**
 * An origin and a private checkout in memory, with the same refusals as the real wrapper:
 * pushes only to `warden/*`, force only over the bot's own commits. `rejectNextPush` simulates a
 * remote that refuses (a protected branch, a hook).
 */
export class MemoryGit implements GitPort {
  readonly commits = new Map<string, MemoryCommit>();
  /** Branches on origin → tip sha. */
  readonly origin = new Map<string, string>();
  readonly pushes: { branch: string; sha: string; force: boolean }[] = [];
  private head: string | undefined;
  private working = new Map<string, string>();
  private rejectPush: string | undefined;
  private crashAfterPush = false;

  constructor(files: Record<string, string> = {}, readonly defaultBranchName = "main") {
    const root = this.addCommit(undefined, { name: "Maintainer", email: "maintainer@example.com" }, "initial", new Map(Object.entries(files)));
    this.origin.set(defaultBranchName, root);
  }

  /** The next push lands on origin, then throws (a tick killed right after pushing). */
  crashAfterNextPush(): void {
    this.crashAfterPush = true;
  }

  rejectNextPush(reason = "protected branch hook declined"): void {
    this.rejectPush = reason;
  }

  async fetch(): Promise<{ defaultBranch: string; head: string }> {
    return { defaultBranch: this.defaultBranchName, head: this.tipOf(this.defaultBranchName) };
  }

  async botBranches(): Promise<Map<string, string>> {
    return new Map([...this.origin].filter(([name]) => isBotBranch(name)));
  }

  async branchFrom(_branch: string, base: string): Promise<void> {
    this.head = this.tipOf(base);
    this.working = new Map(this.commitOf(this.head).files);
  }

  async writeFiles(files: readonly FileWrite[]): Promise<void> {
    for (const file of files) this.working.set(file.path, file.content);
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.working.get(path);
  }

  async readFiles(dirs: readonly string[]): Promise<Map<string, string>> {
    return new Map([...this.working].filter(([path]) => dirs.some((dir) => path.startsWith(`${dir}/`))));
  }

  async commit(message: string, author: GitIdentity): Promise<string | undefined> {
    const parent = this.head === undefined ? undefined : this.commitOf(this.head);
    if (parent && sameFiles(parent.files, this.working)) return undefined;
    this.head = this.addCommit(this.head, author, message, new Map(this.working));
    return this.head;
  }

  async remoteTip(branch: string): Promise<string | undefined> {
    return this.origin.get(branch);
  }

  async onlyAuthoredBy(branch: string, base: string, author: GitIdentity): Promise<boolean> {
    const stop = this.origin.get(base);
    for (let sha = this.origin.get(branch); sha !== undefined && sha !== stop; sha = this.commitOf(sha).parent) {
      if (this.commitOf(sha).author.email !== author.email) return false;
    }
    return true;
  }

  async push(branch: string, options: { force?: boolean } = {}): Promise<void> {
    if (!isBotBranch(branch)) throw new GitError(`refusing to push to ${branch}: only warden/ branches`, { code: "push_refused" });
    if (this.head === undefined) throw new GitError("nothing checked out");
    if (this.rejectPush !== undefined) {
      const reason = this.rejectPush;
      this.rejectPush = undefined;
      throw new GitError(`push to ${branch} rejected: ${reason}`, { code: "push_rejected" });
    }
    const tip = this.origin.get(branch);
    if (tip !== undefined && !this.descends(this.head, tip) && !options.force) {
      throw new GitError(`push to ${branch} rejected: non-fast-forward`, { code: "push_rejected" });
    }
    this.origin.set(branch, this.head);
    this.pushes.push({ branch, sha: this.head, force: options.force ?? false });
    if (this.crashAfterPush) {
      this.crashAfterPush = false;
      throw new Error("injected crash after push");
    }
  }

  /** A maintainer changes a file on the default branch (the base moves under a planned change). */
  commitToDefault(path: string, content: string): void {
    const tip = this.tipOf(this.defaultBranchName);
    const files = new Map(this.commitOf(tip).files).set(path, content);
    this.origin.set(this.defaultBranchName, this.addCommit(tip, { name: "Maintainer", email: "maintainer@example.com" }, `edit ${path}`, files));
  }

  /** The files of origin's branch, for assertions. */
  filesOf(branch: string): Map<string, string> {
    return this.commitOf(this.tipOf(branch)).files;
  }

  commitOf(sha: string): MemoryCommit {
    const found = this.commits.get(sha);
    if (!found) throw new GitError(`unknown commit ${sha}`);
    return found;
  }

  private tipOf(branch: string): string {
    const tip = this.origin.get(branch);
    if (tip === undefined) throw new GitError(`origin has no branch ${branch}`);
    return tip;
  }

  private descends(sha: string, ancestor: string): boolean {
    for (let at: string | undefined = sha; at !== undefined; at = this.commitOf(at).parent) if (at === ancestor) return true;
    return false;
  }

  private addCommit(parent: string | undefined, author: GitIdentity, message: string, files: Map<string, string>): string {
    const sha = contentHash(`${parent}\n${message}\n${this.commits.size}\n${[...files].join("\n")}`, 40);
    this.commits.set(sha, { sha, parent, author, message, files });
    return sha;
  }
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, content]) => b.get(path) === content);
}
