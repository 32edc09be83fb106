import { resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { parseSince } from "../../audit/query.ts";
import { renderActivityTable, renderMessageStory } from "../../audit/render.ts";
import { loadConfig } from "../../config/load.ts";
import { AUDIT_ACTORS, AUDIT_OUTCOMES } from "../../domain/audit.ts";
import type { AuditActor, AuditOutcome } from "../../domain/audit.ts";
import type { AuditLocation } from "../../runtime/audit.ts";
import { auditLocation } from "../../runtime/audit.ts";
import { messageIdsStartingWith, messageStory, queryActivity, trailExists, verifyAudit } from "../../runtime/activity.ts";
import { UsageError } from "../../domain/errors.ts";
import { idPrefixOf, listIds, resolveIdPrefix } from "../../domain/id-prefix.ts";
import { openAuditSource } from "../../runtime/audit-branch.ts";
import { existingDirectory } from "../../runtime/env.ts";
import type { WardenConfig } from "../../config/schema.ts";
import type { CliContext } from "../program.ts";
import { completeHelp } from "../help.ts";
import { AUDIT_HELP } from "./audit-help.ts";

interface LocationOptions {
  root?: string;
  config?: string;
  fetch?: boolean;
  local?: boolean;
}

interface ActivityOptions extends LocationOptions {
  since?: string;
  message?: string;
  outcome?: AuditOutcome;
  actor?: AuditActor;
  limit: number;
  json?: boolean;
}

const WHERE = "read from the audit branch (WARDEN_AUDIT_REF, default warden/audit) when origin has it, else the local trail $WARDEN_STATE_DIR/audit (default .warden/audit under --root)";

export function registerActivityCommands(program: Command, ctx: CliContext): void {
  const activity = withLocation(program.command("activity"))
    .description(`what the worker, relays and CLI did, newest first (${WHERE}); dry-run ticks are recorded too`)
    .option("--since <duration|time>", "only events since 30m, 12h, 7d, 2w ago, or since an RFC 3339 time / date")
    .option("--message <id>", "only events about this hub message")
    .addOption(new Option("--outcome <outcome>", "only this outcome").choices(AUDIT_OUTCOMES))
    .addOption(new Option("--actor <actor>", "only this actor").choices(AUDIT_ACTORS))
    .option("--limit <n>", "newest events shown; 0 shows all", parseCount, 50)
    .option("--json", "one JSON audit event per line (docs/audit.md) instead of the table")
    .action(async (options: ActivityOptions) => {
      const filter = {
        ...(options.since ? { since: parseSince(options.since, new Date()) } : {}),
        ...(options.message !== undefined ? { message: options.message } : {}),
        ...(options.outcome ? { outcome: options.outcome } : {}),
        ...(options.actor ? { actor: options.actor } : {}),
      };
      await withSource(options, ctx, async (location, label) => {
        if (!(await trailExists(location))) {
          ctx.io.err(`warden: no audit trail yet: ${label} has no audit files (and origin has no audit branch)`);
          ctx.status.code = 1;
          return;
        }
        const result = await queryActivity(location, filter, options.limit);
        ctx.io.out(options.json ? result.events.map((e) => JSON.stringify(e)).join("\n") : renderActivityTable(result.events));
        warnDamaged(result.damaged, ctx);
      });
    });

  withLocation(activity.command("show"))
    .description("the whole story of one message, oldest first: planned → executed → PR → merged → relayed, across ticks and relays")
    .argument("<message-id>", "hub message id, or a unique prefix of it (as the compact plan shows it)")
    .option("--json", "one JSON audit event per line")
    .action(async (messageId: string, _options: unknown, command: Command) => {
      // The parent takes the same flags when they come after the subcommand: read both levels.
      const options = command.optsWithGlobals<LocationOptions & { json?: boolean }>();
      await withSource(options, ctx, async (location) => {
        const id = await storyId(location, messageId);
        const result = await messageStory(location, id);
        ctx.io.out(options.json ? result.events.map((e) => JSON.stringify(e)).join("\n") : renderMessageStory(id, result.events));
        warnDamaged(result.damaged, ctx);
        if (result.events.length === 0) ctx.status.code = 1;
      });
    });

  withLocation(activity.command("verify"))
    .description("check the audit hash chain across all files; exit 1 and name the first broken line (file and line number)")
    .option("--json", "print the result as JSON")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<LocationOptions & { json?: boolean }>();
      await withSource(options, ctx, async (location, label) => {
        const result = await verifyAudit(location);
        // No trail at all is not "intact": there is nothing that could show tampering.
        const absent = result.files === 0 && !result.problem;
        if (options.json) ctx.io.out(JSON.stringify({ ...result, source: label, ...(absent ? { absent: true } : {}) }));
        else if (absent) ctx.io.out(`no audit trail to verify: ${label} has no audit files (and origin has no audit branch)`);
        else if (result.problem) ctx.io.out(`audit trail BROKEN at ${result.problem.file} line ${result.problem.line}: ${result.problem.reason}`);
        else ctx.io.out(`audit trail intact: ${result.records} records in ${result.files} files (${label})${result.head ? `; chain head record ${result.head.seq}, hash ${result.head.hash}` : ""}`);
        if (result.problem || absent) ctx.status.code = 1;
      });
    });
  completeHelp(activity, AUDIT_HELP);
}

/** Opens the trail the flags and environment name (the branch, or the local trail), and always closes it. */
export async function withSource(options: LocationOptions, ctx: CliContext, use: (location: AuditLocation, label: string) => Promise<void>): Promise<void> {
  const { root, local } = await locate(options, ctx);
  const source = await openAuditSource({ root, env: ctx.io.env, local, fetch: options.fetch === true, localOnly: options.local === true });
  try {
    if (source.branch) ctx.io.err(`warden: reading the ${source.label}`);
    await use(source.location, source.label);
  } finally {
    await source.dispose();
  }
}

export function withLocation(command: Command): Command {
  return command
    .option("--root <dir>", "repository root (default: current directory)")
    .option("--config <file>", "config file (default: .github/ops-warden.yml under --root)")
    .option("--fetch", "read the audit branch from origin now (default: as last fetched; always fetched when WARDEN_AUDIT_REF is set)")
    .option("--local", "read the local trail even when an audit branch exists");
}

export async function locate(options: LocationOptions, ctx: CliContext): Promise<{ root: string; local: AuditLocation; config: WardenConfig }> {
  const root = existingDirectory(resolve(ctx.io.cwd, options.root ?? "."), "--root");
  const { config } = await loadConfig(root, options.config ? resolve(ctx.io.cwd, options.config) : undefined);
  return { root, local: auditLocation(root, ctx.io.env, config), config };
}

function warnDamaged(count: number, ctx: CliContext): void {
  if (count > 0) ctx.io.err(`warden: ${count} audit lines could not be read and are not shown; run \`warden activity verify\``);
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a whole number, 0 or more");
  return n;
}

/** The full id `given` names: itself when the trail knows it, else the one id it is a unique prefix of. */
async function storyId(location: AuditLocation, given: string): Promise<string> {
  const found = resolveIdPrefix(given, await messageIdsStartingWith(location, idPrefixOf(given)));
  if (found.kind === "ambiguous") throw new UsageError(`${given}: matches ${found.matches.length} messages (${listIds(found.matches)}); give more of the id`);
  return found.kind === "found" ? found.id : given;
}
