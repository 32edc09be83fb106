/**
 * The tick workflow's decision step: reads the config and the trigger, and writes `execute=true`
 * or `execute=false` to `$GITHUB_OUTPUT` plus a section of the job summary. A config that does
 * not validate fails the step (exit 2), so a broken config never turns into an executing tick,
 * and the job summary says what is wrong.
 */
import { appendFile } from "node:fs/promises";
import { loadConfig } from "../../config/load.ts";
import { ConfigError, WardenError } from "../../domain/errors.ts";
import { decideTick, renderConfigErrorSummary, renderDecisionSummary } from "./decide.ts";

async function main(env: NodeJS.ProcessEnv): Promise<number> {
  const { config } = await loadConfig(process.cwd()).catch(async (error: unknown) => {
    if (error instanceof ConfigError && env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, renderConfigErrorSummary(error.message));
    throw error;
  });
  const request = {
    event: env.EVENT_NAME ?? env.GITHUB_EVENT_NAME ?? "",
    requested: env.REQUESTED_MODE ?? "",
    configMode: config.mode,
    hubConfigured: Boolean(env.WARDEN_HUB_URL),
  };
  const decision = decideTick(request);
  process.stdout.write(`${decision.reason}\n`);
  if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, `execute=${decision.execute}\n`);
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, renderDecisionSummary(decision, request));
  return 0;
}

main(process.env).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`warden tick decision: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof WardenError ? error.exitCode : 1;
  },
);
