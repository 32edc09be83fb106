import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ChainHead } from "../../audit/chain.ts";
import { AuditError } from "../../domain/errors.ts";
import type { GitIdentity } from "../../domain/git.ts";
import { isBotBranch } from "../../domain/git.ts";
import { firstLine, gitIn } from "../git/checkout.ts";
import { readSavedHead } from "./files.ts";
import { appendRecords } from "./writer.ts";

/**
 * The durable audit: a branch on `origin` (WARDEN_AUDIT_REF, e.g. `warden/audit`) holding the
 * same chained files as the local trail. GitHub Actions starts every tick on a fresh runner, so
 * the local trail dies with it; the branch is what outlives it. Written append-only: each tick
 * or relay adds one commit on top of the tip it fetched and pushes it without force, so origin
 * takes it only as a fast-forward; a concurrent append makes the push fail and the records are
 * appended again on the new tip. All git work happens in a private temp repository: the user's
 * checkout (tree, index, refs) is never touched.
 */
export interface AuditBranchOptions {
  /** The checkout whose `origin` holds the branch (and whose remote-tracking ref is read offline). */
  repoDir: string;
  /** Branch name without `refs/heads/`; must be a `warden/` branch. */
  ref: string;
  token?: string | undefined;
}

export interface AppendOptions extends AuditBranchOptions {
  identity: GitIdentity;
  maxFileBytes: number;
  /** One line for the commit message, e.g. `tick t-… (12 events)`. */
  summary: string;
  /** Pushes tried before giving up on concurrent appends. */
  attempts?: number;
  /** Tests: runs after the records are committed and before the push (a concurrent append lands here). */
  beforePush?: () => Promise<void>;
}

export interface AppendResult {
  commit: string;
  head: ChainHead;
  /** 1 when the first push was taken; more after concurrent appends. */
  attempts: number;
}

export interface BranchSnapshot {
  /** A directory holding the branch's audit files, as the local trail's readers expect them. */
  dir: string;
  commit: string;
  /** Where it was read: `origin` (fetched now) or the checkout's remote-tracking ref. */
  source: string;
  dispose(): Promise<void>;
}

const README = `# ops-warden audit

Append-only, hash-chained audit trail of ops-warden ticks and relays (see docs/audit.md).
Written by the bot; never edit, rebase or force-push this branch: \`warden activity verify\` fails on any change.
`;

export function checkAuditRef(ref: string, source = "WARDEN_AUDIT_REF"): string {
  if (!isBotBranch(ref)) throw new AuditError(`${source} must name a warden/ branch (got ${JSON.stringify(ref.slice(0, 80))})`);
  return ref;
}

/** Appends `records` to the branch: fetch tip, append, commit, push fast-forward; again on a concurrent append. */
export async function appendToAuditBranch(options: AppendOptions, records: readonly Record<string, unknown>[]): Promise<AppendResult> {
  checkAuditRef(options.ref);
  const work = await Workspace.create(options);
  try {
    const url = await originUrl(options.repoDir);
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      const tree = await work.fresh();
      const tip = await work.tipAt(url, options.ref);
      if (tip) await work.checkout(url, options.ref);
      await appendRecords({ dir: tree, maxFileBytes: options.maxFileBytes }, records);
      await writeFile(join(tree, "README.md"), README);
      const commit = await work.commit(`audit: ${options.summary}`, options.identity);
      await options.beforePush?.();
      const pushed = await work.push(url, options.ref);
      if (pushed) {
        const head = await readSavedHead(tree);
        if (!head) throw new AuditError("the audit branch commit has no chain head");
        return { commit, head, attempts: attempt };
      }
      if (attempt >= attempts) throw new AuditError(`the audit branch ${options.ref} moved under ${attempts} appends in a row; the records stay in the local trail`);
    }
  } finally {
    await work.dispose();
  }
}

/**
 * The branch's files in a temp directory, or undefined when there is no such branch. `fetch`
 * reads origin; otherwise the checkout's remote-tracking ref (a fresh clone has it), without network.
 */
export async function openAuditBranch(options: AuditBranchOptions & { fetch: boolean }): Promise<BranchSnapshot | undefined> {
  checkAuditRef(options.ref);
  const work = await Workspace.create(options);
  try {
    let source: string;
    if (options.fetch) {
      const url = await originUrl(options.repoDir).catch(() => undefined);
      if (!url || !(await work.tipAt(url, options.ref))) return void (await work.dispose());
      await work.fresh();
      await work.checkout(url, options.ref);
      source = `origin ${options.ref}`;
    } else {
      // Without a fetch, no network: the checkout's remote-tracking ref or nothing.
      if ((await localTip(options.repoDir, options.ref)) === undefined) return void (await work.dispose());
      await work.fresh();
      await work.checkout(resolve(options.repoDir), `refs/remotes/origin/${options.ref}`);
      source = `origin/${options.ref} (as last fetched; --fetch reads origin now)`;
    }
    return { dir: work.tree, commit: await work.head(), source, dispose: () => work.dispose() };
  } catch (error) {
    await work.dispose();
    throw error;
  }
}

/** The commit the checkout's `refs/remotes/origin/<ref>` points at; undefined if none (or no repository). */
async function localTip(repoDir: string, ref: string): Promise<string | undefined> {
  const home = await mkdtemp(join(tmpdir(), "warden-audit-home-"));
  try {
    const out = await gitIn(resolve(repoDir), home, undefined).raw(["rev-parse", "--verify", "--quiet", `refs/remotes/origin/${ref}^{commit}`]);
    return out.trim() || undefined;
  } catch {
    return undefined;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

async function originUrl(repoDir: string): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), "warden-audit-home-"));
  try {
    return (await gitIn(resolve(repoDir), home, undefined).raw(["remote", "get-url", "origin"])).trim();
  } catch (cause) {
    throw new AuditError(`${repoDir} has no 'origin' remote to keep the audit branch on`, { cause: new Error(firstLine(cause)) });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** A private repository in a temp dir: `tree` is its working tree, `home` isolates git's config. */
class Workspace {
  private constructor(
    private readonly root: string,
    private readonly token: string | undefined,
  ) {}

  static async create(options: AuditBranchOptions): Promise<Workspace> {
    return new Workspace(await mkdtemp(join(tmpdir(), "warden-audit-")), options.token);
  }

  get tree(): string {
    return join(this.root, "tree");
  }

  /** An empty repository, so every attempt starts from origin's tip and nothing of a failed one. */
  async fresh(): Promise<string> {
    await rm(this.tree, { recursive: true, force: true });
    await mkdir(join(this.root, "home"), { recursive: true });
    await mkdir(this.tree, { recursive: true });
    await this.git().raw(["init", "--quiet"]);
    return this.tree;
  }

  async tipAt(url: string, ref: string): Promise<string | undefined> {
    await mkdir(join(this.root, "home"), { recursive: true });
    const out = await this.git(this.root).raw(["ls-remote", url, `refs/heads/${ref}`]).catch((cause: unknown) => {
      throw new AuditError(`cannot reach origin for the audit branch ${ref}`, { cause: new Error(firstLine(cause)) });
    });
    return out.split(/\s/)[0] || undefined;
  }

  /** Only the tip commit is fetched: appending and reading need its tree, never the history. */
  async checkout(source: string, ref: string): Promise<void> {
    const from = ref.startsWith("refs/") ? ref : `refs/heads/${ref}`;
    await this.git().raw(["fetch", "--quiet", "--no-tags", "--depth=1", source, from]);
    await this.git().raw(["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"]);
  }

  async commit(message: string, identity: GitIdentity): Promise<string> {
    const git = this.git(this.tree, [`user.name=${identity.name}`, `user.email=${identity.email}`]);
    await git.raw(["add", "--all"]);
    await git.raw(["commit", "--quiet", "--no-verify", "-m", message]);
    return this.head();
  }

  /** True when origin took the commit; false when it refused it because the branch moved. */
  async push(url: string, ref: string): Promise<boolean> {
    try {
      await this.git().raw(["push", "--quiet", "--no-verify", url, `HEAD:refs/heads/${ref}`]);
      return true;
    } catch (cause) {
      const text = cause instanceof Error ? cause.message : String(cause);
      if (/rejected|non-fast-forward|fetch first|failed to update ref|cannot lock ref|stale info/i.test(text)) return false;
      throw new AuditError(`origin refused the audit branch ${ref}`, { cause: new Error(firstLine(cause)) });
    }
  }

  async head(): Promise<string> {
    return (await this.git().raw(["rev-parse", "HEAD"])).trim();
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  private git(dir = this.tree, config: string[] = []) {
    return gitIn(dir, join(this.root, "home"), this.token, config);
  }
}
