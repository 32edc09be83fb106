import type { Command } from "commander";
import type { Catalog, RouteAnswer, RouteMatch } from "../../domain/catalog.ts";
import { buildRouteIndex, loadCatalog, routeSteps } from "../../catalog/index.ts";
import { UsageError } from "../../domain/errors.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import { redact } from "../../domain/secrets.ts";
import { createSecretScanner } from "../../policy/secrets/index.ts";
import type { CliContext } from "../program.ts";
import { resolveCatalogRoot } from "./catalog.ts";

export interface RouteCommandDeps {
  scanner?: SecretScanner;
}

/** The hub caps a message body at 64 KiB; a question is at most one message. */
export const MAX_QUESTION_BYTES = 64 * 1024;
const MAX_TOP = 50;

export function registerRouteCommands(program: Command, ctx: CliContext, deps: RouteCommandDeps = {}): void {
  program
    .command("route")
    .description("who handles this credential need, and how: ranked routes from the catalog")
    .argument("<question...>", "the question, e.g. \"I need SSH access to build hosts\"")
    .option("--json", "print one JSON document")
    .option("--top <n>", "how many matches to show", "3")
    .option("--root <dir>", "repository root holding catalog/ and playbooks/ (default: current directory)")
    .action(async (words: string[], options: { json?: boolean; top: string; root?: string }) => {
      const question = checkedQuestion(words.join(" "));
      const top = checkedTop(options.top);
      const scanner = deps.scanner ?? createSecretScanner();
      const catalog = await loadCatalog(await resolveCatalogRoot(ctx, options.root), { scanner });
      const answer = buildRouteIndex(catalog.routes, catalog.playbooks).lookup(question, { top });
      // A question is echoed back; if someone pasted a secret into it, the echo must not repeat it.
      const findings = await scanner.scan(question);
      if (findings.length > 0) ctx.io.err("warden: the question contains what looks like a secret value; it is redacted here. Rotate that secret.");
      const shown = redact(question, findings);
      if (options.json) ctx.io.out(JSON.stringify(answerJson(shown, answer, catalog), null, 2));
      else ctx.io.out(renderAnswer(shown, answer, catalog));
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

function answerJson(question: string, answer: RouteAnswer, catalog: Catalog): Record<string, unknown> {
  return {
    question,
    confident: answer.confident,
    matches: answer.matches.map((m) => ({
      id: m.route.id,
      title: m.route.title,
      owner: m.route.owner,
      lane: m.route.lane,
      status: m.route.status,
      playbook: m.route.playbook ?? null,
      score: Math.round(m.score * 1000) / 1000,
      steps: routeSteps(m.route, catalog),
    })),
  };
}

function renderAnswer(question: string, answer: RouteAnswer, catalog: Catalog): string {
  const lines = [`question: ${oneLine(question)}`];
  const [first, ...rest] = answer.matches;
  if (answer.confident && first) {
    lines.push(`route: ${first.route.id} (confident, score ${first.score.toFixed(2)})`, "", ...renderMatch(first, catalog, true));
    if (rest.length > 0) lines.push("", "other candidates:", ...rest.flatMap((m) => renderMatch(m, catalog, false)));
  } else if (first) {
    lines.push("no confident route; closest candidates:", "", ...answer.matches.flatMap((m) => renderMatch(m, catalog, false)));
    lines.push("", "Ask the owner named above, or ask ops-warden on the State Hub to route it by hand.");
  } else {
    lines.push("no confident route: nothing in the catalog matches this question.");
  }
  return lines.join("\n");
}

function renderMatch(match: RouteMatch, catalog: Catalog, withSteps: boolean): string[] {
  const { route } = match;
  const owner = catalog.owners.find((o) => o.id === route.owner);
  const contact = owner ? ` (hub: ${owner.hub_agent}${owner.contact ? `, ${owner.contact}` : ""})` : "";
  const lines = [
    `- ${route.id}: ${route.title}  [score ${match.score.toFixed(2)}]`,
    `    owner: ${route.owner}${contact}  lane: ${route.lane}  status: ${route.status}`,
  ];
  if (route.playbook) lines.push(`    playbook: ${route.playbook}`);
  if (route.sensitivity.length > 0) lines.push(`    sensitivity: ${route.sensitivity.join(", ")}`);
  if (route.status === "retired") lines.push("    retired: kept for reference; use the active route it points to");
  const steps = withSteps ? routeSteps(route, catalog) : [];
  if (steps.length > 0) lines.push("    first steps:", ...steps.map((s, i) => `      ${i + 1}. ${s}`));
  return lines;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
