import { createTwoFilesPatch } from "diff";
import type { CatalogChange, PlaybookChange } from "../../domain/action.ts";
import { WardenError } from "../../domain/errors.ts";
import { actionKey } from "../../domain/keys.ts";
import type { Message } from "../../domain/message.ts";
import { addedContentProblem, stringsOf } from "../../policy/added-content.ts";
import { detectInjection } from "../../policy/injection.ts";
import { normalizeForScan } from "../../policy/secrets/index.ts";
import { checkWritePath } from "../../policy/path-gate.ts";
import { isProductionRoute } from "../../policy/production-gate.ts";
import type { ChangeSummary } from "../render/pull-request.ts";
import { renderPullRequest } from "../render/pull-request.ts";
import type { CatalogEdit, FileChange, PlanContext } from "./context.ts";
import type { Guarded } from "./guarded.ts";
import { allowedResult, downgraded } from "./guarded.ts";
import { ruleNames } from "./secret-check.ts";

/**
 * propose_catalog_change: code applies the typed edit to the YAML, and the result must stay in
 * catalog/, within size, validate as a whole catalog, and carry no secret — then it is a PR.
 */
export async function guardCatalogChange(action: CatalogChange, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = action.kind;
  const routeId = action.op === "retire" ? action.route_id : action.entry.id;
  const existing = ctx.brainContext.index.get(routeId);
  if (isProductionRoute(existing) || (action.op !== "retire" && isProductionRoute(action.entry))) {
    return downgraded(kind, "production", "production", `route "${routeId}" is flagged production: production routes change through a human`);
  }
  if (action.op !== "retire") {
    // Checked on the values, not the YAML: YAML may fold a long value across lines mid-URL.
    const entryProblem = addedEntryProblem(stringsOf(existing ?? {}), stringsOf(action.entry), ctx);
    if (entryProblem) return downgraded(kind, entryProblem.rule, "policy", entryProblem.reason);
  }
  const edit: CatalogEdit = action.op === "retire" ? { op: "retire", route_id: routeId } : { op: action.op, entry: action.entry };
  let change: FileChange;
  try {
    change = ctx.workspace.applyEdit(edit);
  } catch (error) {
    if (error instanceof WardenError) return downgraded(kind, "catalog-validate", "policy", error.message);
    throw error;
  }
  const summary: ChangeSummary = { headline: `${action.op} route ${routeId}`, area: "catalog", subject: `${action.op}-${routeId}`, file: change.file, rationale: action.rationale };
  const checked = await checkFileChange(kind, change, "catalog", ctx.config.limits.catalog_file_bytes, ctx);
  if (checked) return checked;
  return renderProposal(kind, message, change, summary, actionKey(message.id, kind, `${action.op}:${routeId}`), ctx, (base) => ({
    ...base,
    kind: "propose_catalog_change",
    op: action.op,
    route_id: routeId,
  }));
}

/** propose_playbook_change: only `playbooks/<slug>.md`, within size, valid front matter, no secret. */
export async function guardPlaybookChange(action: PlaybookChange, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = action.kind;
  const path = checkWritePath(action.path, "playbooks");
  if (path) return downgraded(kind, path.rule, "policy", path.reason);
  const served = ctx.brainContext.catalog.routes.filter((r) => r.playbook === action.path);
  if (served.some(isProductionRoute)) {
    return downgraded(kind, "production", "production", `${action.path} serves a production route: production procedures change through a human`);
  }
  const change: FileChange = { file: action.path, before: ctx.workspace.fileText(action.path) ?? "", after: action.content };
  if (change.before === change.after) return downgraded(kind, "no-action", "ambiguous", `the proposed content of ${action.path} is identical to the current file`);
  const checked = await checkFileChange(kind, change, "playbooks", ctx.config.limits.playbook_bytes, ctx);
  if (checked) return checked;
  const name = action.path.slice("playbooks/".length, -".md".length);
  const summary: ChangeSummary = { headline: `update ${action.path}`, area: "playbook", subject: name, file: action.path, rationale: action.rationale };
  return renderProposal(kind, message, change, summary, actionKey(message.id, kind, action.path), ctx, (base) => ({ ...base, kind: "propose_playbook_change" }));
}

/**
 * Text an entry adds is rendered into every answer for the route and read by any brain that
 * plans with the catalog: no foreign links, images or HTML, and no instructions aimed at agents.
 */
function addedEntryProblem(before: string, after: string, ctx: PlanContext): { rule: "content" | "injection"; reason: string } | undefined {
  const content = addedContentProblem(before, after, ctx.config.replies.link_hosts);
  if (content) return { rule: "content", reason: content };
  const injection = detectInjection(normalizeForScan(after));
  return injection ? { rule: "injection", reason: `the entry addresses instructions to agents (${injection.pattern})` } : undefined;
}

async function checkFileChange(kind: string, change: FileChange, area: "catalog" | "playbooks", maxBytes: number, ctx: PlanContext): Promise<Guarded | undefined> {
  const path = checkWritePath(change.file, area);
  if (path) return downgraded(kind, path.rule, "policy", path.reason);
  const bytes = Buffer.byteLength(change.after, "utf8");
  if (bytes > maxBytes) return downgraded(kind, "size", "policy", `${change.file} would be ${bytes} bytes; the limit is ${maxBytes}`);
  const content = addedContentProblem(change.before, change.after, ctx.config.replies.link_hosts);
  if (content) return downgraded(kind, "content", "policy", content);
  const findings = await ctx.scanner.scan(change.after);
  if (findings.length > 0) return downgraded(kind, "outbound-secret", "secret", `${change.file} would contain a secret value (${ruleNames(findings)})`);
  const problems = await ctx.workspace.validateWith(new Map([[change.file, change.after]]));
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join("; ");
    return downgraded(kind, "catalog-validate", "policy", `the catalog would not validate: ${shown}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ""}`);
  }
  return undefined;
}

type ProposalBase = { key: string; file: string; content: string; diff: string; pull_request: ReturnType<typeof renderPullRequest> };

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
  const pullRequest = renderPullRequest(message, { ...summary, content: change.after }, key, ctx.config.labels.pull_request);
  const findings = await ctx.scanner.scan(`${pullRequest.title}\n${pullRequest.body}`);
  if (findings.length > 0) return downgraded(kind, "outbound-secret", "secret", `the pull request text would contain a secret value (${ruleNames(findings)})`);
  return allowedResult(kind, build({ key, file: change.file, content: change.after, diff, pull_request: pullRequest }));
}
