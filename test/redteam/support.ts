import { randomBytes } from "node:crypto";
import { readCatalogFiles } from "../../src/catalog/index.ts";
import { createCatalogWorkspace } from "../../src/catalog/workspace.ts";
import type { Planner } from "../../src/runtime/index.ts";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import type { Route } from "../../src/domain/catalog.ts";
import type { Message } from "../../src/domain/message.ts";
import { checkReplyBody } from "../../src/policy/reply-gate.ts";
import { createSecretScanner } from "../../src/policy/secrets/index.ts";
import type { MessagePlan, RunAction } from "../../src/worker/plan/types.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";
import type { InvariantDeps } from "../support/plan-invariants.ts";
import { ScriptedBrain, message, shippedPlanner } from "../support/planner.ts";

/**
 * Shared set-up for the red-team suite: the real planner over the shipped catalog with a
 * scripted (hostile) brain, and the outside checks the attacks are judged by.
 */
export interface Rig {
  brain: ScriptedBrain;
  planner: Planner;
  deps: InvariantDeps;
  /** Plans `msg` with the brain returning exactly `actions` (and `rationale`). */
  plan(actions: unknown[], msg?: Message, rationale?: string): Promise<MessagePlan>;
  route(id: string): Route;
}

export async function rig(): Promise<Rig> {
  const brain = new ScriptedBrain();
  const planner = await shippedPlanner(brain);
  const scanner = createSecretScanner();
  const workspace = createCatalogWorkspace(await readCatalogFiles(REPO_ROOT), scanner);
  const deps: InvariantDeps = { catalog: planner.catalog, scanner, workspace, replies: DEFAULT_CONFIG.replies };
  return {
    brain,
    planner,
    deps,
    async plan(actions, msg = routingQuestion(), rationale = "because") {
      brain.next = { actions, rationale, confidence: 0.9 };
      return planner.plan(msg);
    },
    route(id) {
      const found = planner.catalog.routes.find((r) => r.id === id);
      if (!found) throw new Error(`no route ${id} in the shipped catalog`);
      return found;
    },
  };
}

export function routingQuestion(fields: Partial<Message> = {}): Message {
  return message({ subject: "routing question", body: "which route handles ssh certificates for build hosts?", ...fields });
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function randomFrom(alphabet: string, length: number): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** Fake credentials assembled at run time, so the repository holds no secret-shaped literal. */
export const fake = {
  githubToken: () => `${"ghp"}_${randomFrom(ALNUM, 36)}`,
  awsKeyId: () => `${"AKIA"}${randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`,
  slackToken: () => `${"xoxb"}-1234567890-1234567890123-${randomFrom(ALNUM, 24)}`,
};

/** A GitHub-format token cut into pieces of 14, 13 and 13 characters joined by `separator`. */
export function splitToken(separator: string): string {
  const token = fake.githubToken();
  return [token.slice(0, 14), token.slice(14, 27), token.slice(27)].join(separator);
}

export function kinds(plan: MessagePlan): string[] {
  return plan.run.map((a) => a.kind);
}

export function runOf<K extends RunAction["kind"]>(plan: MessagePlan, kind: K): Extract<RunAction, { kind: K }>[] {
  return plan.run.filter((a): a is Extract<RunAction, { kind: K }> => a.kind === kind);
}

/** Findings of the real scanner in every string of a value (e.g. a whole plan), with their paths. */
export async function secretsIn(value: unknown, deps: InvariantDeps): Promise<string[]> {
  const hits: string[] = [];
  const walk = async (v: unknown, path: string): Promise<void> => {
    if (typeof v === "string") {
      const findings = await deps.scanner.scan(v);
      if (findings.length > 0) hits.push(`${path} (${findings.map((f) => f.rule).join(", ")})`);
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) await walk(item, `${path}.${i}`);
    } else if (v && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) await walk(item, `${path}.${k}`);
    }
  };
  await walk(value, "plan");
  return hits;
}

/**
 * What GitHub would render live in a PR or issue body: everything outside fenced blocks and
 * inline code spans, without ops-warden's own trailing marker line.
 */
export function renderedMarkdown(body: string): string {
  const lines = body.split("\n");
  if (lines.at(-1)?.startsWith("<!-- ops-warden:v1 ")) lines.pop();
  return lines
    .join("\n")
    .replace(/^```text\n[\s\S]*?\n```$/gm, "")
    .replace(/`[^`\n]*`/g, "");
}

/** Problems a GitHub body would have if rendered: @-mentions, HTML, images, foreign links. */
export function liveMarkupProblems(body: string): string[] {
  const live = renderedMarkdown(body);
  const problems: string[] = [];
  const mention = /(?:^|[^\w`])@[a-z0-9][\w-]*(?:\/[\w-]+)?/i.exec(live);
  if (mention) problems.push(`@-mention ${mention[0].trim()}`);
  const verdict = checkReplyBody(live, { max_chars: Number.MAX_SAFE_INTEGER, link_hosts: DEFAULT_CONFIG.replies.link_hosts });
  if (verdict) problems.push(verdict.reason);
  return problems;
}
