import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { renderRolloutReport } from "../../audit/rollout.ts";
import { UsageError } from "../../domain/errors.ts";
import { checkRollout, recordReviews } from "../../runtime/audit.ts";
import { auditBranchTarget, DEFAULT_AUDIT_REF } from "../../runtime/audit-branch.ts";
import type { CliContext } from "../program.ts";
import { locate, withLocation, withSource } from "./activity.ts";
import { completeHelp } from "../help.ts";
import { AUDIT_HELP } from "./audit-help.ts";

interface RolloutOptions {
  root?: string;
  config?: string;
  fetch?: boolean;
  local?: boolean;
  ticks?: number;
  json?: boolean;
}

export function registerRolloutCommands(program: Command, ctx: CliContext): void {
  const rollout = program.command("rollout").description("the staged rollout dry-run → manual → scheduled, judged from the audit trail");

  withLocation(rollout.command("check"))
    .description(
      "ready for `scheduled`? The last N dry-run ticks (config rollout.check_ticks, default 5) ran without a failure and without an outbound guardrail hit, and every escalation they planned was reviewed; prints the evidence; exit 0 ready, 1 not yet",
    )
    .option("--ticks <n>", "dry-run ticks to judge (default: config rollout.check_ticks)", parseTicks)
    .option("--json", "print the evidence as JSON")
    .action(async (options: RolloutOptions) => {
      const { config } = await locate(options, ctx);
      await withSource(options, ctx, async (location, label) => {
        let damaged = 0;
        const report = await checkRollout(location, options.ticks ?? config.rollout.check_ticks, config.worker.interval_seconds, () => (damaged += 1));
        if (damaged > 0) ctx.io.err(`warden: ${damaged} audit lines could not be read and are not evidence; run \`warden activity verify\``);
        ctx.io.out(options.json ? JSON.stringify({ ...report, source: label }, null, 2) : `${renderRolloutReport(report)}\n\nevidence read from the ${label}`);
        if (!report.ready) ctx.status.code = 1;
      });
    });

  withLocation(rollout.command("review"))
    .description("record in the audit that you reviewed planned escalations (by action key, as `rollout check` lists them)")
    .argument("[keys...]", "escalation action keys")
    .option("--all", "every planned escalation not yet reviewed")
    .action(async (keys: string[], options: RolloutOptions & { all?: boolean }) => {
      if (keys.length === 0 && !options.all) throw new UsageError("name the escalation keys to mark reviewed, or pass --all");
      const { root, local, config } = await locate(options, ctx);
      await withSource(options, ctx, async (location) => {
        const pending = (await checkRollout(location, Number.MAX_SAFE_INTEGER, 0)).unreviewed;
        const known = new Map(pending.map((u) => [u.key, u]));
        const unknown = keys.filter((k) => !known.has(k));
        if (unknown.length > 0) throw new UsageError(`not a planned, unreviewed escalation in the audit: ${unknown.join(", ")}`);
        const chosen = options.all ? pending : keys.map((k) => known.get(k)!);
        // Evidence read from the audit branch gets its reviews there too, or they would never count.
        const onBranch = location.dir !== local.dir ? auditBranchTarget(root, { ...ctx.io.env, WARDEN_AUDIT_REF: ctx.io.env.WARDEN_AUDIT_REF ?? DEFAULT_AUDIT_REF }, config) : undefined;
        const published = await recordReviews(local, ctx.io.env, config.mode, chosen, onBranch);
        ctx.io.out(`recorded ${chosen.length} reviews in the audit${published ? ` (and on ${onBranch?.ref}, commit ${published.commit.slice(0, 12)})` : ""}`);
      });
    });
  completeHelp(rollout, AUDIT_HELP);
}

function parseTicks(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError("must be a whole number between 1 and 1000");
  return n;
}
