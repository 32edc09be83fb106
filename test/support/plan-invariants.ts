import { ACTION_KINDS, ESCALATION_CATEGORIES } from "../../src/domain/action.ts";
import type { Catalog } from "../../src/domain/catalog.ts";
import type { Message } from "../../src/domain/message.ts";
import type { SecretScanner } from "../../src/domain/secrets.ts";
import { addedContentProblem } from "../../src/policy/added-content.ts";
import { checkReplyBody } from "../../src/policy/reply-gate.ts";
import { normalizeForScan } from "../../src/policy/secrets/index.ts";
import type { CatalogWorkspace } from "../../src/worker/plan/context.ts";
import type { MessagePlan, RunAction } from "../../src/worker/plan/types.ts";

export interface InvariantDeps {
  catalog: Catalog;
  scanner: SecretScanner;
  workspace: CatalogWorkspace;
  replies: { max_chars: number; link_hosts: string[] };
}

/**
 * Every rule of the guardrails, checked on a finished plan from the outside. Returns the
 * violations (empty when the plan is safe), so a property test can show them all.
 */
export async function planViolations(plan: MessagePlan, message: Message, deps: InvariantDeps, planted: readonly { format: string; needle: string }[] = []): Promise<string[]> {
  const bad: string[] = [];
  const kinds = plan.run.map((a) => a.kind);
  for (const kind of kinds) if (!(ACTION_KINDS as readonly string[]).includes(kind)) bad.push(`run has non-allowlisted kind ${kind}`);
  const reads = kinds.filter((k) => k === "mark_read").length;
  if (reads > 1) bad.push("mark_read planned more than once");
  if (reads === 1 && (kinds.at(-1) !== "mark_read" || kinds.length < 2)) bad.push("mark_read not last or without a terminal action");
  for (const p of plan.proposed) {
    if (!["allowed", "downgraded", "blocked"].includes(p.verdict) || !p.rule) bad.push(`proposed entry without verdict/rule: ${JSON.stringify(p)}`);
  }
  for (const action of plan.run) bad.push(...(await actionViolations(action, message, deps)));
  for (const [where, text] of allStrings(plan)) {
    const findings = await deps.scanner.scan(normalizeForScan(text));
    if (findings.length > 0) bad.push(`${where} carries a secret (${findings.map((f) => f.rule).join(", ")})`);
    for (const { format, needle } of planted) if (needle.length >= 8 && normalizeForScan(text).includes(normalizeForScan(needle))) bad.push(`${where} contains a planted ${format}`);
  }
  return bad;
}

async function actionViolations(action: RunAction, message: Message, deps: InvariantDeps): Promise<string[]> {
  const bad: string[] = [];
  switch (action.kind) {
    case "answer_route": {
      const route = deps.catalog.routes.find((r) => r.id === action.route_id);
      if (!route) bad.push(`answer for unknown route ${action.route_id}`);
      if (route?.status === "retired") bad.push(`answer for retired route ${route.id}`);
      if (route?.sensitivity.includes("production")) bad.push(`answer for production route ${route.id}`);
      bad.push(...replyViolations(action.reply, message, deps));
      break;
    }
    case "reply":
      bad.push(...replyViolations(action.reply, message, deps));
      break;
    case "propose_catalog_change":
    case "propose_playbook_change": {
      const area = action.kind === "propose_catalog_change" ? /^catalog\/[a-z0-9-]+\.yaml$/ : /^playbooks\/[a-z0-9-]+\.md$/;
      if (!area.test(action.file)) bad.push(`change writes outside its area: ${action.file}`);
      if (!action.pull_request.branch.startsWith("warden/")) bad.push(`branch not under warden/: ${action.pull_request.branch}`);
      const added = addedContentProblem(deps.workspace.fileText(action.file) ?? "", action.content, deps.replies.link_hosts);
      if (added) bad.push(`change adds content route answers could not carry: ${added}`);
      const problems = await deps.workspace.validateWith(new Map([[action.file, action.content]]));
      if (problems.length > 0) bad.push(`change does not validate: ${problems[0]}`);
      const production = deps.catalog.routes.some((r) => r.sensitivity.includes("production") && (r.playbook === action.file || (action.kind === "propose_catalog_change" && r.id === action.route_id)));
      if (production) bad.push(`change touches a production route`);
      break;
    }
    case "escalate":
      if (!(ESCALATION_CATEGORIES as readonly string[]).includes(action.category)) bad.push(`escalation category ${action.category}`);
      break;
    case "mark_read":
      if (action.message_id !== message.id) bad.push("mark_read for another message");
      break;
  }
  return bad;
}

function replyViolations(reply: { to_agent: string; thread_id: string; in_reply_to: string | null; body: string }, message: Message, deps: InvariantDeps): string[] {
  const bad: string[] = [];
  if (reply.to_agent !== message.from_agent) bad.push(`reply to ${reply.to_agent}, not the sender`);
  if (reply.thread_id !== message.thread_id || reply.in_reply_to !== message.id) bad.push("reply outside the original thread");
  const format = checkReplyBody(reply.body, deps.replies);
  if (format) bad.push(`reply breaks the format rules: ${format.reason}`);
  return bad;
}

/** Every string in the plan with its path, e.g. `run.0.reply.body`. */
function allStrings(value: unknown, path = "plan", out: [string, string][] = []): [string, string][] {
  if (typeof value === "string") out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => allStrings(v, `${path}.${i}`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) allStrings(v, `${path}.${k}`, out);
  return out;
}
