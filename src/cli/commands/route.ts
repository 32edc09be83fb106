import type { Command } from "commander";
import type { Catalog, RouteAnswer, RouteMatch } from "../../domain/catalog.ts";
import type { RouteAnswerView } from "../../catalog/answer.ts";
import { ownerLine, routeAnswerView } from "../../catalog/answer.ts";
import { buildRouteIndex, loadCatalog } from "../../catalog/index.ts";
import { UsageError } from "../../domain/errors.ts";
import { oneLine } from "../../domain/text-safety.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import { redact } from "../../domain/secrets.ts";
import { createSecretScanner } from "../../policy/secrets/index.ts";
import type { CliContext } from "../program.ts";
import { ROOT_OPTION_HELP, describeHelp } from "../help.ts";
import { resolveCatalogRoot } from "./catalog.ts";

export interface RouteCommandDeps {
  scanner?: SecretScanner;
}

/** The hub caps a message body at 64 KiB; a question is at most one message. */
export const MAX_QUESTION_BYTES = 64 * 1024;
const MAX_TOP = 50;

export function registerRouteCommands(program: Command, ctx: CliContext, deps: RouteCommandDeps = {}): void {
  const route = program
    .command("route")
    .description("who handles this credential need, and how: ranked routes from the catalog")
    .argument("<question...>", "the question, e.g. \"I need SSH access to build hosts\"")
    .option("--json", "print one JSON document")
    .option("--top <n>", "how many matches to show", "3")
    .option("--root <dir>", ROOT_OPTION_HELP)
    .action(async (words: string[], options: { json?: boolean; top: string; root?: string }) => {
      const question = checkedQuestion(words.join(" "));
      const top = checkedTop(options.top);
      const scanner = deps.scanner ?? createSecretScanner();
      const catalog = await loadCatalog(await resolveCatalogRoot(ctx, options.root), { scanner });
      const answer = buildRouteIndex(catalog.routes, catalog.playbooks, catalog.owners).lookup(question, { top });
      // A question is echoed back; if someone pasted a secret into it, the echo must not repeat it.
      const findings = await scanner.scan(question);
      if (findings.length > 0) ctx.io.err("warden: the question contains what looks like a secret value; it is redacted here. Rotate that secret.");
      const shown = redact(question, findings);
      if (options.json) ctx.io.out(JSON.stringify(answerJson(shown, answer, catalog), null, 2));
      else ctx.io.out(renderAnswer(shown, answer, catalog));
    });
  describeHelp(route, {
    examples: [
      ['warden route "I need SSH access to build hosts"', "the route, its owner and contact, lane, playbook and the steps that fit"],
      ['warden route --json "how do I get the postgres password for billing"', "the same as one JSON document"],
      ['warden route --top 5 "rotate the datadog api key"', "up to five candidates when none is confident"],
    ],
    exitCodes: [
      ["0", "answered (a confident route or candidates)"],
      ["1", "the catalog does not load"],
      ["2", "usage error: an empty or oversized question, a bad --top, no catalog/ found"],
    ],
  });
}

function checkedQuestion(question: string): string {
  if (question.trim() === "") throw new UsageError('the question is empty; ask e.g. warden route "I need SSH access to build hosts"');
  const bytes = Buffer.byteLength(question, "utf8");
  if (bytes > MAX_QUESTION_BYTES) {
    throw new UsageError(`the question is ${bytes} bytes; the limit is ${MAX_QUESTION_BYTES} bytes (64 KiB, the hub's message size)`);
  }
  return question;
}

function checkedTop(value: string): number {
  const top = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) throw new UsageError(`--top must be a whole number from 1 to ${MAX_TOP}, got "${value}"`);
  return top;
}

/** The JSON carries exactly the view the text is rendered from, plus the score. */
function answerJson(question: string, answer: RouteAnswer, catalog: Catalog): Record<string, unknown> {
  return {
    question,
    confident: answer.confident,
    out_of_scope: answer.outOfScope === true,
    matches: answer.matches.map((m, i) => ({
      ...routeAnswerView(m.route, catalog, question),
      score: Math.round(m.score * 1000) / 1000,
      // Steps are quoted for the answer only, as in the text.
      ...(i === 0 && answer.confident ? {} : { steps: [] }),
    })),
  };
}

/** What `warden route` says of a question that names no credential need at all. */
export const OUT_OF_SCOPE = "ops-warden routes credential needs; this does not look like one.";

function renderAnswer(question: string, answer: RouteAnswer, catalog: Catalog): string {
  const lines = [`question: ${oneLine(question, 200)}`];
  const [first, ...rest] = answer.matches;
  const view = (m: RouteMatch) => routeAnswerView(m.route, catalog, question);
  if (answer.confident && first) {
    lines.push(`route: ${first.route.id} (confident, score ${first.score.toFixed(2)})`, "", ...renderMatch(view(first), first.score, true));
    if (rest.length > 0) lines.push("", "other candidates:", ...rest.flatMap((m) => renderMatch(view(m), m.score, false)));
  } else if (answer.outOfScope) {
    lines.push(OUT_OF_SCOPE);
    if (first) lines.push("", "If it is one, the closest routes are:", ...answer.matches.flatMap((m) => renderMatch(view(m), m.score, false)));
  } else if (first) {
    lines.push("no confident route; closest candidates:", "", ...answer.matches.flatMap((m) => renderMatch(view(m), m.score, false)));
    lines.push("", "Ask the owner named above, or send the question to ops-warden on the State Hub to have it routed by hand.");
  } else {
    lines.push("no confident route: nothing in the catalog matches this question.");
  }
  return lines.join("\n");
}

function renderMatch(view: RouteAnswerView, score: number, withSteps: boolean): string[] {
  const lines = [
    `- ${view.id}: ${view.title}  [score ${score.toFixed(2)}]`,
    `    owner: ${ownerLine(view.owner)}`,
    `    lane: ${view.lane}  status: ${view.status}${view.sensitivity.length > 0 ? `  sensitivity: ${view.sensitivity.join(", ")}` : ""}`,
  ];
  if (view.playbook) lines.push(`    playbook: ${view.playbook}`);
  lines.push(...view.warnings.map((w) => `    ${w}`));
  if (withSteps && view.steps.length > 0) lines.push("    steps:", ...view.steps.map((s) => `      ${s.n}. ${s.text}`));
  return lines;
}
