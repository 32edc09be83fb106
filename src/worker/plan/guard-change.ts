import { createTwoFilesPatch } from "diff";
import type { CatalogChange, PlaybookChange } from "../../domain/action.ts";
import { actionKey } from "../../domain/keys.ts";
import type { Route } from "../../domain/catalog.ts";
import type { Message } from "../../domain/message.ts";
import type { CatalogBase, FileChange } from "../../domain/workspace.ts";
import { judgeCatalogChange } from "../../policy/judge/catalog-change.ts";
import { judgeProposalText } from "../../policy/judge/proposal-text.ts";
import { judgePlaybookChange } from "../../policy/judge/playbook-change.ts";
import { pass } from "../../policy/verdict.ts";
import type { ChangeSummary } from "../render/pull-request.ts";
import { renderPullRequest } from "../render/pull-request.ts";
import { renderReviewCard, reviewCard } from "../render/review-card.ts";
import { repositoryWords } from "../../policy/outbound.ts";
import { renderUntrusted } from "../../policy/untrusted-text.ts";
import type { PlanContext } from "./context.ts";
import type { Guarded } from "./guarded.ts";
import { fromVerdict } from "./guarded.ts";

/** propose_catalog_change: judged, then rendered as a diff and a pull request (whose text is judged too). */
export async function guardCatalogChange(action: CatalogChange, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = action.kind;
  const routeId = action.op === "retire" ? action.route_id : action.entry.id;
  const judged = await judgeCatalogChange(action, ctx.judge, message.from_agent);
  if (!judged.checked) return fromVerdict(kind, judged.verdict);
  const change = judged.checked;
  const fields = action.op === "retire" ? ["status"] : changedFields(ctx.judge.index.get(routeId), action.entry);
  const summary: ChangeSummary = { headline: `${action.op} route ${routeId}`, area: "catalog", subject: `${action.op}-${routeId}`, file: change.file, fields, rationale: action.rationale };
  return renderProposal(kind, message, change, summary, actionKey(message.id, kind, `${action.op}:${routeId}`), ctx, (base) => ({
    ...base,
    kind: "propose_catalog_change",
    op: action.op,
    route_id: routeId,
  }));
}

/** propose_playbook_change: judged, then rendered like a catalog change. */
export async function guardPlaybookChange(action: PlaybookChange, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = action.kind;
  const judged = await judgePlaybookChange(action, ctx.judge, message.from_agent);
  if (!judged.checked) return fromVerdict(kind, judged.verdict);
  const name = action.path.slice("playbooks/".length, -".md".length);
  const summary: ChangeSummary = { headline: `update ${action.path}`, area: "playbook", subject: name, file: action.path, fields: ["content"], rationale: action.rationale };
  return renderProposal(kind, message, judged.checked, summary, actionKey(message.id, kind, action.path), ctx, (base) => ({ ...base, kind: "propose_playbook_change" }));
}

/** The route keys whose values differ from the entry on record (all of them for a new route). */
function changedFields(existing: Route | undefined, entry: Route): string[] {
  const keys = [...new Set([...Object.keys(existing ?? {}), ...Object.keys(entry)])];
  return keys.filter((k) => JSON.stringify((existing as Record<string, unknown> | undefined)?.[k]) !== JSON.stringify((entry as Record<string, unknown>)[k]));
}

type ProposalBase = { key: string; base: CatalogBase; file: string; content: string; diff: string; pull_request: ReturnType<typeof renderPullRequest> };

async function renderProposal(
  kind: string,
  message: Message,
  change: FileChange,
  summary: ChangeSummary,
  key: string,
  ctx: PlanContext,
  build: (base: ProposalBase) => NonNullable<Guarded["effect"]>,
): Promise<Guarded> {
  const diff = createTwoFilesPatch(`a/${change.file}`, `b/${change.file}`, change.before, change.after, undefined, undefined, { context: 3 });
  // The rationale is the requester's (or a model's) words: shown rendered, beside what code derives from the diff.
  const known = repositoryWords(ctx.judge.catalog);
  const shown = { ...summary, rationale: renderUntrusted(summary.rationale, known, 2000), card: renderReviewCard(reviewCard(change.before, change.after, known)) };
  const judged = await judgeProposalText(summary.rationale, () => renderPullRequest(message, { ...shown, content: change.after }, key, ctx.config.labels.pull_request), ctx.judge);
  if (!judged.checked) return fromVerdict(kind, judged.verdict);
  const pullRequest = judged.checked;
  return fromVerdict(kind, pass(), build({ key, base: ctx.base, file: change.file, content: change.after, diff, pull_request: pullRequest }));
}
