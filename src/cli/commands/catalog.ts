import { stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import type { CatalogProblem } from "../../catalog/index.ts";
import { countErrors, countExamples, formatProblem, readCatalogFiles, validateCatalogFiles } from "../../catalog/index.ts";
import { UsageError } from "../../domain/errors.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import { createSecretScanner } from "../../policy/secrets/index.ts";
import type { CliContext } from "../program.ts";
import { ROOT_OPTION_HELP, describeHelp } from "../help.ts";

export interface CatalogCommandDeps {
  /** The secret scanner every catalog file passes through; the real one by default. */
  scanner?: SecretScanner;
}

export function registerCatalogCommands(program: Command, ctx: CliContext, deps: CatalogCommandDeps = {}): void {
  const catalog = program.command("catalog").description("check the credential catalog (catalog/*.yaml) and playbooks");

  const validate = catalog
    .command("validate")
    .description("validate schema, ids, owners, playbooks, match phrases, and scan every file for secrets; exit 1 when invalid")
    .option("--json", "print one JSON document")
    .option("--root <dir>", ROOT_OPTION_HELP)
    .action(async (options: { json?: boolean; root?: string }) => {
      const root = await resolveCatalogRoot(ctx, options.root);
      const files = await readCatalogFiles(root);
      const { catalog: loaded, problems } = await validateCatalogFiles(files, { scanner: deps.scanner ?? createSecretScanner() });
      const errors = countErrors(problems);
      const counts = { routes: loaded.routes.length, owners: loaded.owners.length, playbooks: loaded.playbooks.length, examples: countExamples(loaded.routes) };
      if (options.json) {
        ctx.io.out(JSON.stringify({ valid: errors === 0, ...counts, problems: problems.map(problemJson) }, null, 2));
      } else {
        for (const problem of problems) ctx.io.out(formatProblem(problem));
        ctx.io.out(`catalog: ${counts.routes} routes, ${counts.owners} owners, ${counts.playbooks} playbooks, ${counts.examples} examples routed — ${verdict(errors, problems.length - errors)}`);
      }
      if (errors > 0) ctx.status.code = 1;
    });
  describeHelp(validate, {
    examples: [
      ["warden catalog validate", "every problem as file:line: path: reason, then a one-line verdict"],
      ["warden catalog validate --json | jq '.problems[].text'", "the same as one JSON document"],
      ["warden catalog validate --root ../estate", "another checkout's catalog"],
    ],
    exitCodes: [
      ["0", "valid (warnings may be listed)"],
      ["1", "invalid: at least one error"],
      ["2", "usage error: no catalog/ found, a bad --root"],
    ],
  });
}

/**
 * `--root`, which must be an existing directory; without it, the nearest directory at or above
 * the working directory that holds `catalog/` (found upward, as git finds its repository).
 */
export async function resolveCatalogRoot(ctx: CliContext, root: string | undefined): Promise<string> {
  if (root !== undefined) {
    const path = resolve(ctx.io.cwd, root);
    if (!(await isDirectory(path))) throw new UsageError(`--root ${root}: not a directory`);
    return path;
  }
  for (let dir = resolve(ctx.io.cwd); ; dir = dirname(dir)) {
    if (await isDirectory(join(dir, "catalog"))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new UsageError(`no catalog/ in ${ctx.io.cwd} or above; run inside the repository or pass --root`);
}

function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function verdict(errors: number, warnings: number): string {
  const warned = warnings > 0 ? `${warnings} warning${warnings === 1 ? "" : "s"}` : "";
  if (errors === 0) return warned ? `valid (${warned})` : "valid";
  return `${errors} error${errors === 1 ? "" : "s"}${warned ? `, ${warned}` : ""}`;
}

function problemJson(p: CatalogProblem): Record<string, unknown> {
  return { file: p.file, line: p.line ?? null, path: p.path ?? null, severity: p.severity, message: p.message, text: formatProblem(p) };
}
