import { resolve } from "node:path";
import type { AppendResult } from "../adapters/audit/branch.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { AuditEvent } from "../domain/audit.ts";
import type { AuditLocation } from "./audit.ts";
import { auditRefFrom } from "./env.ts";

/** The default branch name readers look for when WARDEN_AUDIT_REF is not set. */
export const DEFAULT_AUDIT_REF = "warden/audit";

/** Where a tick or relay publishes its events: set only when WARDEN_AUDIT_REF is. */
export interface AuditBranchTarget {
  repoDir: string;
  ref: string;
  token: string | undefined;
  identity: { name: string; email: string };
  maxFileBytes: number;
}

/**
 * Files on the branch rotate at 1 MiB (or the config's smaller limit): each append rewrites the
 * newest file, so a small file keeps every commit's new blob, and its push, small.
 */
export const BRANCH_FILE_BYTES = 1024 * 1024;

export function auditBranchTarget(repoDir: string, env: NodeJS.ProcessEnv, config: WardenConfig): AuditBranchTarget | undefined {
  const ref = auditRefFrom(env);
  if (!ref) return undefined;
  const identity = { name: config.github.bot_name, email: config.github.bot_email };
  return { repoDir: resolve(repoDir), ref, token: env.GITHUB_TOKEN?.trim() || undefined, identity, maxFileBytes: Math.min(config.audit.max_file_bytes, BRANCH_FILE_BYTES) };
}

/** Appends already gated events (as the local trail wrote them) to the branch. */
export async function publishEvents(target: AuditBranchTarget, events: readonly AuditEvent[], summary: string, seams: { beforePush?: () => Promise<void> } = {}): Promise<AppendResult> {
  // Loaded here: git is needed only where an audit branch is configured, not to plan.
  const { appendToAuditBranch } = await import("../adapters/audit/branch.ts");
  return appendToAuditBranch({ ...target, summary, ...seams }, events.map((event) => ({ event })));
}

/** What `activity`, `verify` and `rollout check` read: the audit branch when it exists, else the local trail. */
export interface AuditSource {
  location: AuditLocation;
  /** One line for stderr: which trail was read. */
  label: string;
  branch?: { ref: string; commit: string };
  dispose(): Promise<void>;
}

export interface SourceOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  local: AuditLocation;
  /** Read origin now rather than the checkout's remote-tracking ref. */
  fetch?: boolean;
  /** Read the local trail even when an audit branch exists. */
  localOnly?: boolean;
}

/**
 * WARDEN_AUDIT_REF (default `warden/audit`) when origin has it: a fresh clone sees the whole
 * history. With WARDEN_AUDIT_REF set (a deployment) origin is always asked; otherwise the
 * checkout's `origin/<ref>` is read as last fetched, and `--fetch` asks origin. An explicit
 * WARDEN_STATE_DIR without WARDEN_AUDIT_REF names the trail to read: that local one (unless
 * `--fetch` asks for the branch).
 */
export async function openAuditSource(options: SourceOptions): Promise<AuditSource> {
  const localSource = { location: options.local, label: `local trail ${options.local.dir}`, dispose: async () => undefined };
  if (options.localOnly) return localSource;
  const configured = auditRefFrom(options.env);
  if (!configured && !options.fetch && options.env.WARDEN_STATE_DIR?.trim()) return localSource;
  const ref = configured ?? DEFAULT_AUDIT_REF;
  const { openAuditBranch } = await import("../adapters/audit/branch.ts");
  const snapshot = await openAuditBranch({ repoDir: options.root, ref, token: options.env.GITHUB_TOKEN?.trim() || undefined, fetch: options.fetch === true || configured !== undefined });
  if (!snapshot) return localSource;
  return {
    location: { dir: snapshot.dir, maxFileBytes: options.local.maxFileBytes },
    label: `audit branch ${snapshot.source} at ${snapshot.commit.slice(0, 12)}`,
    branch: { ref, commit: snapshot.commit },
    dispose: snapshot.dispose,
  };
}
