import { resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { renderRolloutReport } from "../../audit/rollout.ts";
import { loadConfig } from "../../config/load.ts";
import { UsageError } from "../../domain/errors.ts";
import { auditLocation, checkRollout, recordReviews } from "../../runtime/audit.ts";
import type { CliContext } from "../program.ts";
import { withLocation } from "./activity.ts";

interface RolloutOptions {
  root?: string;
  config?: string;
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
      const { location, config } = await load(options, ctx);
      let damaged = 0;
      const report = await checkRollout(location, options.ticks ?? config.rollout.check_ticks, () => (damaged += 1));
      if (damaged > 0) ctx.io.err(`warden: ${damaged} audit lines could not be read and are not evidence; run \`warden activity verify\``);
      ctx.io.out(options.json ? JSON.stringify(report, null, 2) : renderRolloutReport(report));
      if (!report.ready) ctx.status.code = 1;
    });

  withLocation(rollout.command("review"))
    .description("record in the audit that you reviewed planned escalations (by action key, as `rollout check` lists them)")
    .argument("[keys...]", "escalation action keys")
    .option("--all", "every planned escalation not yet reviewed")
    .action(async (keys: string[], options: RolloutOptions & { all?: boolean }) => {
      if (keys.length === 0 && !options.all) throw new UsageError("name the escalation keys to mark reviewed, or pass --all");
      const { location, config } = await load(options, ctx);
      const pending = (await checkRollout(location, Number.MAX_SAFE_INTEGER)).unreviewed;
      const known = new Map(pending.map((u) => [u.key, u]));
      const unknown = keys.filter((k) => !known.has(k));
      if (unknown.length > 0) throw new UsageError(`not a planned, unreviewed escalation in the audit: ${unknown.join(", ")}`);
      const chosen = options.all ? pending : keys.map((k) => known.get(k)!);
      await recordReviews(location, ctx.io.env, config.mode, chosen);
      ctx.io.out(`recorded ${chosen.length} reviews in the audit`);
    });
}

async function load(options: RolloutOptions, ctx: CliContext) {
  const root = resolve(ctx.io.cwd, options.root ?? ".");
  const { config } = await loadConfig(root, options.config ? resolve(ctx.io.cwd, options.config) : undefined);
  return { config, location: auditLocation(root, ctx.io.env, config) };
}

function parseTicks(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError("must be a whole number between 1 and 1000");
  return n;
}
