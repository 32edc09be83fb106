import type { AuditEvent, AuditSink } from "../../domain/audit.ts";
import type { ForgeComment, ForgeIssue, ForgePullRequest, GitHubPort, NewIssue, NewPullRequest, PermissionLevel, RepositoryRef } from "../../domain/forge.ts";
import type { FileWrite, GitPort } from "../../domain/git.ts";
import type { HubClient, InboxPage } from "../../domain/hub.ts";
import type { HubEvent, Message, OutgoingMessage } from "../../domain/message.ts";

/** A write the executor would have made: what dry-run prints and tests compare with `--execute`. */
export interface RecordedWrite {
  port: "github" | "git" | "hub";
  operation: string;
  /** The branch, PR/issue title, or recipient: code-owned identifiers only. */
  target: string;
}

/**
 * Ports for dry-run: the same executor runs against them, so what the plan says and what
 * `--execute` does cannot drift. Reads answer "nothing exists yet" (no network, no credentials);
 * writes are recorded and answered with placeholders; nothing leaves the process.
 */
export function recordingPorts(options: { repository?: RepositoryRef; files?: ReadonlyMap<string, string> } = {}) {
  const repository = options.repository ?? { owner: "dry-run", name: "dry-run" };
  // The checkout a dry-run "writes" to: the local catalog, so the change is validated as in --execute.
  let tree = new Map(options.files ?? []);
  const writes: RecordedWrite[] = [];
  const record = (port: RecordedWrite["port"], operation: string, target: string) => writes.push({ port, operation, target });
  let next = 1;
  const artefact = (title: string, body: string, labels: string[]): ForgeIssue => ({ number: next, url: `https://github.invalid/${repository.owner}/${repository.name}/${next++}`, state: "open", title, body, labels });

  const github: GitHubPort = {
    repository,
    defaultBranch: async () => "main",
    listPullRequests: async () => [],
    listIssues: async () => [],
    findOpenPullRequest: async () => undefined,
    createPullRequest: async (pr: NewPullRequest): Promise<ForgePullRequest> => (record("github", "create pull request", pr.head), { ...artefact(pr.title, pr.body, []), head: pr.head, base: pr.base, merged: false }),
    updatePullRequest: async (number) => (record("github", "update pull request", `#${number}`), { ...artefact("", "", []), head: "", base: "", merged: false }),
    createIssue: async (issue: NewIssue) => (record("github", "create issue", issue.title), artefact(issue.title, issue.body, issue.labels)),
    updateIssue: async (number) => (record("github", "update issue", `#${number}`), artefact("", "", [])),
    listComments: async (): Promise<ForgeComment[]> => [],
    comment: async (number) => (record("github", "comment", `#${number}`), { id: next++, url: `https://github.invalid/comment/${next}`, body: "", author: { login: "dry-run", bot: true } }),
    addLabels: async (number, labels) => void record("github", "add labels", `#${number} ${labels.join(",")}`),
    addReaction: async (number, content) => void record("github", "react", `#${number} ${content}`),
    reactToComment: async (id, content) => void record("github", "react", `comment ${id} ${content}`),
    pinIssue: async (number) => void record("github", "pin", `#${number}`),
    permissionLevel: async (): Promise<PermissionLevel> => "none",
  };

  const git: GitPort = {
    fetch: async () => ({ defaultBranch: "main", head: "0".repeat(40) }),
    botBranches: async () => new Map(),
    branchFrom: async (branch) => {
      record("git", "branch", branch);
      tree = new Map(options.files ?? []);
    },
    writeFiles: async (files: readonly FileWrite[]) => {
      record("git", "write", files.map((f) => f.path).join(","));
      for (const file of files) tree.set(file.path, file.content);
    },
    readFile: async (path) => tree.get(path),
    readFiles: async (dirs) => new Map([...tree].filter(([path]) => dirs.some((dir) => path.startsWith(`${dir}/`)))),
    commit: async () => (record("git", "commit", ""), "0".repeat(40)),
    remoteTip: async () => undefined,
    onlyAuthoredBy: async () => true,
    push: async (branch) => void record("git", "push", branch),
  };

  const hub: Pick<HubClient, "send" | "markRead" | "emit"> & { unread(agent: string): AsyncIterable<InboxPage> } = {
    // The dry-run executor never reads the inbox; the tick already did.
    async *unread() {},
    send: async (message: OutgoingMessage, key: string): Promise<Message> => {
      record("hub", "send", message.to_agent);
      return { ...message, id: `dry-run-${key}`, created_at: new Date(0).toISOString(), status: "unread" };
    },
    markRead: async (id: string) => void record("hub", "mark read", id),
    emit: async (_event: HubEvent) => undefined,
  };

  const events: AuditEvent[] = [];
  const audit: AuditSink = { record: async (event) => void events.push(event), flush: async () => undefined };
  return { github, git, hub: hub as HubClient, audit, writes, events };
}
