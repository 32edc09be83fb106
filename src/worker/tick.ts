import type { WardenConfig } from "../config/schema.ts";
import type { HubClient } from "../domain/hub.ts";
import type { Logger } from "../domain/logger.ts";
import type { Message, QuarantinedMessage } from "../domain/message.ts";
import { WARDEN_AGENT } from "../domain/message.ts";
import type { PlanDocument } from "./plan/document.ts";
import { summarize } from "./plan/document.ts";
import type { MessagePlan } from "./plan/types.ts";

export interface TickDeps {
  hub: HubClient;
  /** Describes the hub for the plan (never includes a token). */
  hubLabel: string;
  brainName: string;
  config: WardenConfig;
  /** True when this tick carries the plan out (`--execute`): the plan then says nothing of "planning only". */
  executing?: boolean;
  planMessage(message: Message): Promise<MessagePlan>;
  /** Messages planned at once (planning threads); plans are still taken in inbox order. Default 1. */
  concurrency?: number;
  /** Called once before the first message: per-tick budgets of the brain start over. */
  beginTick?(): void;
  now(): Date;
  /** Checked between messages: the message in hand is always finished. */
  stopRequested(): boolean;
  logger?: Logger;
}

/**
 * One dry-run tick: read every unread page, plan its messages (several at once when planning
 * runs on threads, taken in inbox order), respect the per-tick limits (what is over a limit is listed as deferred and stays unread), and return the plan.
 */
export async function planTick(deps: TickDeps): Promise<PlanDocument> {
  const messages: MessagePlan[] = [];
  const quarantined: QuarantinedMessage[] = [];
  const budget = new TickBudget(deps.config);
  let interrupted = false;
  deps.beginTick?.();
  const window = Math.max(1, deps.concurrency ?? 1);
  outer: for await (const page of deps.hub.unread(WARDEN_AGENT)) {
    quarantined.push(...page.quarantined);
    // Up to `window` plans run at once; each is taken, budgets included, in inbox order.
    const inFlight: Promise<MessagePlan>[] = [];
    const take = async () => messages.push(budget.apply(await (inFlight.shift() as Promise<MessagePlan>)));
    for (const message of page.messages) {
      if (deps.stopRequested()) {
        interrupted = true;
        break;
      }
      inFlight.push(startPlan(message, deps, budget));
      if (inFlight.length >= window) await take();
    }
    while (inFlight.length > 0) await take();
    if (interrupted) break outer;
  }
  const summary = summarize(messages, quarantined);
  deps.logger?.debug({ ...summary, interrupted }, "tick planned");
  const { mode } = deps.config;
  return {
    version: 1,
    generated_at: deps.now().toISOString(),
    mode,
    ...(mode === "dry-run" || deps.executing ? {} : { planning_only: `mode is ${mode}, but this run only plans: nothing runs without --execute` }),
    hub: deps.hubLabel,
    brain: deps.brainName,
    messages,
    quarantined,
    interrupted,
    summary,
  };
}

/** Starts planning one message, or defers it unread when the tick's message budget is spent. */
function startPlan(message: Message, deps: TickDeps, budget: TickBudget): Promise<MessagePlan> {
  if (!budget.takeMessage()) {
    // Not scanned, so the subject is not shown: it could carry a secret.
    const head = { message_id: message.id, thread_id: message.thread_id, from_agent: message.from_agent, subject: "(not read this tick)" };
    return Promise.resolve({ ...head, proposed: [], run: [], deferred: `per-tick message limit (${deps.config.limits.messages_per_tick}) reached` });
  }
  const plan = deps.planMessage(message);
  // Awaited in order later; until then a failure must not count as unhandled.
  plan.catch(() => undefined);
  return plan;
}

/** Per-tick ceilings; GitHub's content-creation limits make these the real throttle. */
class TickBudget {
  private messages = 0;
  private pullRequests = 0;
  private issues = 0;
  constructor(private readonly config: WardenConfig) {}

  takeMessage(): boolean {
    if (this.messages >= this.config.limits.messages_per_tick) return false;
    this.messages += 1;
    return true;
  }

  /** The plan as it may run: deferred, unread, when its PRs or issues would exceed a budget. */
  apply(plan: MessagePlan): MessagePlan {
    if (plan.deferred) return plan;
    const over = this.takeEffects(plan);
    return over ? { ...plan, run: [], deferred: over } : plan;
  }

  /** Reserves the PRs and issues a plan needs, or says which budget it would exceed. */
  takeEffects(plan: MessagePlan): string | undefined {
    const prs = plan.run.filter((a) => a.kind === "propose_catalog_change" || a.kind === "propose_playbook_change").length;
    const issues = plan.run.filter((a) => a.kind === "escalate").length;
    const { pull_requests_per_tick: maxPrs, issues_per_tick: maxIssues } = this.config.limits;
    if (this.pullRequests + prs > maxPrs) return `per-tick pull request budget (${maxPrs}) reached`;
    if (this.issues + issues > maxIssues) return `per-tick issue budget (${maxIssues}) reached`;
    this.pullRequests += prs;
    this.issues += issues;
    return undefined;
  }
}
