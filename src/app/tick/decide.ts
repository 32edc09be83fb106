import type { RolloutMode } from "../../config/schema.ts";
import { quoteUntrusted } from "../../domain/text-safety.ts";

/** What the workflow run asked for: the trigger and, for a manual run, the `mode` input. */
export interface TickRequest {
  /** `GITHUB_EVENT_NAME`: `schedule`, `workflow_dispatch`, or anything else. */
  event: string;
  /** The workflow_dispatch `mode` input (`dry-run` or `execute`); empty for other triggers. */
  requested: string;
  /** The config's rollout `mode:`. */
  configMode: RolloutMode;
  /** Whether a State Hub is configured (`WARDEN_HUB_URL`); without one there is nothing to act on. */
  hubConfigured: boolean;
}

export interface TickDecision {
  execute: boolean;
  /** One sentence for the job summary and the log: why this run acts or only plans. */
  reason: string;
}

/**
 * Decides whether a tick in GitHub Actions may act. Unattended (scheduled) runs are off unless
 * the config says `mode: scheduled`; a manual run acts only when asked to and the config allows
 * acting at all. Every path that is not explicitly allowed is a dry-run.
 */
export function decideTick(request: TickRequest): TickDecision {
  const { event, requested, configMode } = request;
  if (!request.hubConfigured) {
    return dryRun("no State Hub is configured (set the WARDEN_HUB_URL repository variable)");
  }
  if (event === "schedule") {
    if (configMode === "scheduled") return { execute: true, reason: "scheduled run and the config's mode is `scheduled`" };
    return dryRun(`scheduled runs act only when the config's mode is \`scheduled\`; it is \`${configMode}\``);
  }
  if (event === "workflow_dispatch") {
    if (requested !== "execute") return dryRun("manual run with mode `dry-run`");
    if (configMode === "dry-run") return dryRun("`execute` was requested, but the config's mode is `dry-run` (set it to `manual` first)");
    return { execute: true, reason: `manual run with mode \`execute\`; the config's mode is \`${configMode}\`` };
  }
  return dryRun(`the \`${event || "unknown"}\` trigger never acts`);
}

function dryRun(why: string): TickDecision {
  return { execute: false, reason: `dry-run: ${why}` };
}

/** The job-summary section the decision step writes, so a dry-run never looks like a quiet success. */
export function renderDecisionSummary(decision: TickDecision, request: TickRequest): string {
  const headline = decision.execute ? "**Executing**: this tick acts on GitHub and the State Hub." : "**Dry-run only**: this tick plans and writes nothing.";
  return [
    "## ops-warden tick",
    "",
    headline,
    "",
    `- trigger: \`${request.event || "unknown"}\``,
    `- config mode: \`${request.configMode}\``,
    `- why: ${decision.reason}`,
    "",
  ].join("\n");
}

/**
 * The job-summary section when the config does not validate: the step fails (exit 2) and the
 * summary, the first thing a maintainer opens, says what is wrong and where, not only the log.
 */
export function renderConfigErrorSummary(problems: string): string {
  return [
    "## ops-warden tick",
    "",
    "**Stopped**: the config does not validate, so this tick neither plans nor acts. Fix these and run again:",
    "",
    quoteUntrusted(problems),
    "",
  ].join("\n");
}
