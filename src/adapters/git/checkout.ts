import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { SimpleGit } from "simple-git";
import { simpleGit } from "simple-git";
import { GitError } from "../../domain/errors.ts";
import type { FileWrite, GitIdentity, GitPort } from "../../domain/git.ts";
import { isBotBranch } from "../../domain/git.ts";
import { GIT_ENV_ALLOWED, gitEnv } from "./auth-env.ts";

export interface GitCheckoutOptions {
  /** The user's checkout; only its `origin` URL and objects are used, its tree is never touched. */
  repoDir: string;
  /** The token for `origin` over HTTPS, asked for per command (installation tokens expire). */
  token?: () => Promise<string | undefined>;
  /** `warden/` branches never fetched: the audit branch (its whole history is no proposal's business). */
  skipBranches?: readonly string[];
}

/**
 * The one git wrapper: a private temp clone of the checkout (objects shared, nothing written to
 * the user's repository) whose `origin` is the checkout's origin. Argument arrays only.
 */
export class GitCheckout implements GitPort {
  private dir: string | undefined;
  private home: string | undefined;
  private defaultBranch: string | undefined;
  /** origin's branches and their tips as last fetched; undefined before the first fetch. */
  private tips: Map<string, string> | undefined;
  /** Files were written since the last commit: the next checkout cleans untracked ones. */
  private unclean = false;
  /** The commit `commit` made on the branch checked out now, if any. */
  private committed: string | undefined;

  constructor(private readonly options: GitCheckoutOptions) {}

  async fetch(): Promise<{ defaultBranch: string; head: string }> {
    const git = await this.git();
    const symref = await git.raw(["ls-remote", "--symref", "origin", "HEAD"]);
    const branch = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(symref)?.[1];
    if (!branch) throw new GitError("origin has no default branch (its HEAD points nowhere)");
    const skip = (this.options.skipBranches ?? []).map((b) => `^refs/heads/${b}`);
    await git.raw(["fetch", "--prune", "--no-tags", "origin", `+refs/heads/${branch}:refs/remotes/origin/${branch}`, "+refs/heads/warden/*:refs/remotes/origin/warden/*", ...skip]);
    this.defaultBranch = branch;
    // One listing of what was fetched answers every later tip question of the tick (no git per question).
    const out = await git.raw(["for-each-ref", "--format=%(objectname) %(refname)", "refs/remotes/origin/"]);
    this.tips = new Map();
    for (const line of out.split("\n").filter(Boolean)) {
      const [sha, ref] = line.split(" ");
      if (sha && ref) this.tips.set(ref.slice("refs/remotes/origin/".length), sha);
    }
    const head = this.tips.get(branch);
    if (!head) throw new GitError(`origin's default branch ${branch} was not fetched`);
    return { defaultBranch: branch, head };
  }

  async botBranches(): Promise<Map<string, string>> {
    return new Map([...(this.tips ?? new Map<string, string>())].filter(([name]) => name.startsWith("warden/")));
  }

  async branchFrom(branch: string, base: string): Promise<void> {
    assertBotBranch(branch);
    const git = await this.git();
    this.committed = undefined;
    await git.raw(["checkout", "--quiet", "--force", "-B", branch, `refs/remotes/origin/${base}`]);
    // Only files written and never committed (a change that failed validation) can be left over.
    if (this.unclean) await git.raw(["clean", "-fdq"]);
    this.unclean = false;
  }

  /** Writes regular files only: a path that is (or passes through) a symbolic link is refused. */
  async writeFiles(files: readonly FileWrite[]): Promise<void> {
    this.unclean = true;
    for (const file of files) {
      const path = await this.realInside(file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content, "utf8");
    }
  }

  /** A regular file's text; undefined when absent or not a regular file (a link, a directory). */
  async readFile(path: string): Promise<string | undefined> {
    const full = this.inside(path);
    const stats = await lstat(full).catch(() => undefined);
    if (!stats?.isFile()) return undefined;
    return readFile(full, "utf8").catch(() => undefined);
  }

  /** The regular files directly under `dirs`; links and directories are not read (validation sees them missing). */
  async readFiles(dirs: readonly string[]): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    for (const dir of dirs) {
      const dirStats = await lstat(this.inside(dir)).catch(() => undefined);
      if (!dirStats?.isDirectory()) continue;
      const entries = await readdir(this.inside(dir), { withFileTypes: true }).catch(() => []);
      for (const name of entries.filter((e) => e.isFile()).map((e) => e.name).sort()) {
        const text = await this.readFile(`${dir}/${name}`);
        if (text !== undefined) files.set(`${dir}/${name}`, text);
      }
    }
    return files;
  }

  async commit(message: string, author: GitIdentity): Promise<string | undefined> {
    const git = await this.git(author);
    await git.raw(["add", "--all"]);
    if ((await git.raw(["status", "--porcelain"])).trim() === "") return undefined;
    await git.raw(["commit", "--quiet", "--no-verify", "-m", message]);
    this.committed = (await git.raw(["rev-parse", "HEAD"])).trim();
    this.unclean = false;
    return this.committed;
  }

  /** From the last fetch (and this tick's own pushes). */
  async remoteTip(branch: string): Promise<string | undefined> {
    return this.tips?.get(branch);
  }

  async onlyAuthoredBy(branch: string, base: string, author: GitIdentity): Promise<boolean> {
    const git = await this.git();
    const emails = await git.raw(["log", "--format=%ae%n%ce", `refs/remotes/origin/${base}..refs/remotes/origin/${branch}`]);
    return emails.split("\n").filter(Boolean).every((email) => email === author.email);
  }

  async push(branch: string, options: { force?: boolean } = {}): Promise<void> {
    assertBotBranch(branch);
    const git = await this.git();
    const tip = await this.remoteTip(branch);
    // Force only as a lease on the tip we fetched (and checked was the bot's own).
    const lease = options.force && tip ? [`--force-with-lease=refs/heads/${branch}:${tip}`] : [];
    if (lease.length > 0) await this.assertOwnBranch(git, branch);
    try {
      await git.raw(["push", "--quiet", "--no-verify", ...lease, "origin", `HEAD:refs/heads/${branch}`]);
    } catch (cause) {
      throw new GitError(`push to ${branch} was rejected by origin`, { cause: new Error(firstLine(cause)), code: "push_rejected" });
    }
    const pushed = this.committed ?? (await git.raw(["rev-parse", "HEAD"])).trim();
    await git.raw(["update-ref", `refs/remotes/origin/${branch}`, pushed]);
    this.tips?.set(branch, pushed);
  }

  /** The wrapper's own guard: a force-push replaces only commits made by the same committer as HEAD. */
  private async assertOwnBranch(git: SimpleGit, branch: string): Promise<void> {
    const self = (await git.raw(["log", "-1", "--format=%ce", "HEAD"])).trim();
    const range = this.defaultBranch ? `refs/remotes/origin/${this.defaultBranch}..refs/remotes/origin/${branch}` : `refs/remotes/origin/${branch}`;
    const emails = (await git.raw(["log", "--format=%ae%n%ce", range])).split("\n").filter(Boolean);
    if (emails.some((email) => email !== self)) throw new GitError(`refusing to force-push ${branch}: it has commits ops-warden did not make`, { code: "push_refused" });
  }

  /** The private clone's directory while it exists (tests inspect it). */
  get path(): string | undefined {
    return this.dir;
  }

  /** Removes the private clone; the next `fetch` makes a fresh one. */
  async dispose(): Promise<void> {
    for (const dir of [this.dir, this.home]) if (dir) await rm(dir, { recursive: true, force: true });
    this.dir = this.home = undefined;
    this.tips = undefined;
  }

  private async git(author?: GitIdentity): Promise<SimpleGit> {
    if (!this.dir) await this.clone();
    const token = await this.options.token?.();
    const config = author ? [`user.name=${author.name}`, `user.email=${author.email}`] : [];
    return gitIn(this.dir!, this.home!, token, config);
  }

  private async clone(): Promise<void> {
    const repoDir = resolve(this.options.repoDir);
    this.home = await mkdtemp(join(tmpdir(), "warden-git-home-"));
    const local = gitIn(repoDir, this.home, undefined);
    const origin = (await local.raw(["remote", "get-url", "origin"]).catch((cause) => {
      throw new GitError(`${repoDir} has no 'origin' remote to push proposals to`, { cause: new Error(firstLine(cause)) });
    })).trim();
    this.dir = await mkdtemp(join(tmpdir(), "warden-git-"));
    await local.raw(["clone", "--quiet", "--shared", "--no-checkout", repoDir, this.dir]);
    await gitIn(this.dir, this.home, undefined).raw(["remote", "set-url", "origin", origin]);
  }

  /** `inside`, and no existing part of the path is a symbolic link: a write cannot leave the checkout through one. */
  private async realInside(path: string): Promise<string> {
    const full = this.inside(path);
    for (let at = full; at !== this.dir && at.startsWith(this.dir!); at = dirname(at)) {
      const stats = await lstat(at).catch(() => undefined);
      if (stats?.isSymbolicLink()) throw new GitError(`${path}: ${relative(this.dir!, at)} is a symbolic link; ops-warden writes only regular files`, { code: "symlink" });
    }
    return full;
  }

  private inside(path: string): string {
    const full = resolve(this.dir ?? "", path);
    if (!this.dir || relative(this.dir, full).startsWith("..") || full === this.dir || path.includes(`${sep}..`)) throw new GitError(`path ${path} is outside the checkout`);
    return full;
  }
}

/** Git in `baseDir` with the minimal environment of `gitEnv`: the one way ops-warden runs git. */
export function gitIn(baseDir: string, home: string, token: string | undefined, config: string[] = []): SimpleGit {
  return simpleGit({ baseDir, config, unsafe: { allowUnsafeConfigEnvCount: true }, allowEnvironment: GIT_ENV_ALLOWED }).env(gitEnv(home, token));
}

function assertBotBranch(branch: string): void {
  if (!isBotBranch(branch)) throw new GitError(`refusing to touch ${branch}: ops-warden only writes warden/ branches`, { code: "push_refused" });
}

/** Git's own message, first line only: stderr can be long, and never carries our header. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n").find((l) => l.trim() !== "")?.slice(0, 300) ?? "git failed";
}
