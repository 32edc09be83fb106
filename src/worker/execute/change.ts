import { CatalogError, ForgeError, GitError } from "../../domain/errors.ts";
import type { ForgePullRequest } from "../../domain/forge.ts";
import type { MessagePlan, RunAction } from "../plan/types.ts";
import { changeHash } from "../render/marker.ts";
import type { TickState } from "./context.ts";
import type { ActionOutcome } from "./outcome.ts";
import { outcome } from "./outcome.ts";
import { createOnce } from "./create-once.ts";
import { reported } from "./escalation.ts";
import type { OwnWork } from "./own-work.ts";
import { listOwnWork, ownMarker } from "./own-work.ts";
import { rebaseChange } from "./rebase-change.ts";
import { conflictKey, renderConflictIssue } from "../render/conflict-issue.ts";
import { replyPullRequestEnded } from "./reply.ts";

export type ChangeAction = Extract<RunAction, { kind: "propose_catalog_change" | "propose_playbook_change" }>;

/** The directories whose files `catalog validate` reads; validated as they would be after the change. */
const VALIDATED_DIRS = ["catalog", "playbooks"];

/**
 * A catalog or playbook change becomes a branch and a PR, found again by its marker: unchanged →
 * nothing written; changed → branch and body updated in place; merged or declined → the
 * requester is told (once), and a declined change is never proposed again.
 */
export async function executeChange(action: ChangeAction, plan: MessagePlan, state: TickState): Promise<ActionOutcome> {
  const work = await state.ownWork();
  const hash = changeHash(action.file, action.content);
  const standing = work.pullRequestFor(action.key, hash);
  switch (standing.kind) {
    case "open-same":
      return (await ensureLabels(standing.pr, action, state)) ? outcome("executed", "updated", { url: standing.pr.url, reason: "labels restored" }) : outcome("skipped", "already-done", { url: standing.pr.url });
    case "merged":
    case "declined":
      return replyPullRequestEnded(plan, action.key, standing.kind, standing.pr, state);
    case "open-changed":
      return updateInPlace(action, plan, standing.pr, work, state);
    case "none":
      return openPullRequest(action, plan, work, state);
  }
}

async function updateInPlace(action: ChangeAction, plan: MessagePlan, pr: ForgePullRequest, work: OwnWork, state: TickState): Promise<ActionOutcome> {
  const pushed = await pushChange(action, plan, state);
  if (typeof pushed === "object" && "conflict" in pushed) return escalateConflict(action, plan, pushed.conflict, state);
  const updated = await state.deps.github.updatePullRequest(pr.number, { title: action.pull_request.title, body: action.pull_request.body });
  work.add("pull", updated);
  await ensureLabels(updated, action, state);
  return outcome("executed", "updated", { url: updated.url });
}

async function openPullRequest(action: ChangeAction, plan: MessagePlan, work: OwnWork, state: TickState): Promise<ActionOutcome> {
  if (!state.takeOpenPullRequest(work)) {
    const max = state.deps.config.limits.open_pull_requests_max;
    return outcome("deferred", "open-pull-request-limit", { reason: `${max} ops-warden pull requests are open (limits.open_pull_requests_max)` });
  }
  const pushed = await pushChange(action, plan, state);
  if (typeof pushed === "object" && "conflict" in pushed) return escalateConflict(action, plan, pushed.conflict, state);
  if (pushed === "no-change") return outcome("skipped", "already-on-default-branch", { reason: `${action.file} already has this content on the default branch` });
  // Claimed with the content hash: after a PR with other content was closed, this content may still be proposed.
  const claim = `${action.key}-${changeHash(action.file, action.content)}`;
  const made = await createOnce(state, claim, () => findOwnOpenPullRequest(action, state), () => createOrAdopt(action, pushed.base, state));
  if (made.kind !== "busy" && made.item) {
    work.add("pull", made.item);
    await ensureLabels(made.item, action, state);
  }
  return reported(made, "created");
}

/** The bot's open PR carrying this action's marker, if GitHub has one (looked up before a retry). */
async function findOwnOpenPullRequest(action: ChangeAction, state: TickState): Promise<ForgePullRequest | undefined> {
  const pr = await state.deps.github.findOpenPullRequest(action.pull_request.branch);
  return pr && ownMarker(pr, state.deps.config.relay.bot_logins)?.key === action.key ? pr : undefined;
}

/** Opens the PR; when GitHub says one already exists for the branch (a race), that one is updated. */
async function createOrAdopt(action: ChangeAction, base: string, state: TickState): Promise<ForgePullRequest> {
  const { github } = state.deps;
  const { branch, title, body } = action.pull_request;
  try {
    return await github.createPullRequest({ head: branch, base, title, body });
  } catch (error) {
    if (!(error instanceof ForgeError) || error.status !== 422) throw error;
    const existing = await github.findOpenPullRequest(branch);
    if (!existing) throw error;
    if (existing.title === title && existing.body === body) return existing;
    return github.updatePullRequest(existing.number, { title, body });
  }
}

/**
 * Builds the branch from the freshly fetched default branch in the private checkout, re-applying
 * the planned edit to the file as it is there now (a conflict when it no longer applies), validates
 * the resulting catalog, commits as the bot and pushes. A bot branch left by a killed tick that
 * already carries this content is reused as it is (no second push).
 */
async function pushChange(action: ChangeAction, plan: MessagePlan, state: TickState): Promise<{ base: string } | { conflict: string } | "no-change"> {
  const { git, identity } = state.deps;
  const { defaultBranch } = await state.fetchedOrigin();
  const branch = action.pull_request.branch;
  const tip = await git.remoteTip(branch);
  if (tip !== undefined) {
    if (!(await git.onlyAuthoredBy(branch, defaultBranch, identity))) {
      throw new GitError(`branch ${branch} has commits not made by ${identity.name}; refusing to replace it`, { code: "foreign-branch" });
    }
    await git.branchFrom(branch, branch);
    if ((await git.readFile(action.file)) === action.content) return { base: defaultBranch };
  }
  await git.branchFrom(branch, defaultBranch);
  const rebased = rebaseChange(await git.readFile(action.file), action);
  if (rebased.kind === "conflict") return { conflict: rebased.why };
  const fresh = await git.readFiles(VALIDATED_DIRS);
  await git.writeFiles([{ path: action.file, content: rebased.content }]);
  const problems = await problemsAdded(fresh, new Map(fresh).set(action.file, rebased.content), state);
  if (problems.length > 0) throw new CatalogError(`the catalog with this change does not validate: ${problems.slice(0, 3).join("; ")}`);
  const sha = await git.commit(commitMessage(action, plan), identity);
  if (sha === undefined) return "no-change";
  await git.push(branch, { force: tip !== undefined });
  return { base: defaultBranch };
}

function commitMessage(action: ChangeAction, plan: MessagePlan): string {
  const subject = action.kind === "propose_catalog_change" ? `route ${action.route_id}` : action.file;
  return `${action.pull_request.title}\n\nProposed by ops-warden for ${subject}.\nHub message: ${plan.message_id}\nThread: ${plan.thread_id}`;
}

/** Adds the configured labels a PR lacks (a crash between create and label leaves it bare). */
async function ensureLabels(pr: ForgePullRequest, action: ChangeAction, state: TickState): Promise<boolean> {
  const missing = action.pull_request.labels.filter((l) => !pr.labels.includes(l));
  if (missing.length === 0) return false;
  await state.deps.github.addLabels(pr.number, missing);
  pr.labels.push(...missing);
  return true;
}

/** The change no longer applies: a human gets it as an issue, and nothing is pushed over the newer file. */
async function escalateConflict(action: ChangeAction, plan: MessagePlan, why: string, state: TickState): Promise<ActionOutcome> {
  const { github, config } = state.deps;
  const facts = { message: { id: plan.message_id, thread_id: plan.thread_id, from_agent: plan.from_agent }, changeKey: action.key, file: action.file, why };
  const key = conflictKey(facts);
  const work = await state.ownWork();
  const existing = work.issueFor(key);
  if (existing) return outcome("skipped", "conflict", { url: existing.url, reason: why });
  const issue = renderConflictIssue(facts, config.labels.escalation);
  const findIssue = async () => (await listOwnWork(github, config.labels.escalation[0] ?? "ops-warden", config.relay.bot_logins)).issues.find((i) => i.marker.key === key)?.item;
  const made = await createOnce(state, key, findIssue, () => github.createIssue(issue));
  if (made.kind === "busy") return reported(made, "created");
  if (made.item) work.add("issue", made.item);
  return outcome("executed", "conflict", { url: made.url, reason: why });
}

/**
 * What the change breaks: problems of the tree with it that the fresh tree did not already have.
 * A bad file someone else left under catalog/ or playbooks/ fails only a change that touches it.
 */
async function problemsAdded(fresh: ReadonlyMap<string, string>, changed: ReadonlyMap<string, string>, state: TickState): Promise<string[]> {
  const after = await state.deps.validateTree(changed);
  if (after.length === 0) return after;
  const before = new Set(await state.deps.validateTree(fresh));
  return after.filter((problem) => !before.has(problem));
}
