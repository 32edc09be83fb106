/**
 * The GitHub App inside GitHub Actions (relay.yml): the event the workflow was triggered by is
 * handed to the same Probot app the webhook server runs, authenticated with the job's token.
 * Written here rather than through @probot/adapter-github-actions, which swallows handler errors
 * and ignores GITHUB_API_URL: a failed relay must fail the job (exit 1) so it can be re-run.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { Probot } from "probot";
import { AuditError, UsageError, WardenError } from "../domain/errors.ts";
import { redactKnownValues, secretValuesFromEnv } from "../domain/secrets.ts";
import { buildRelayAudit, buildRelayDeps, relayLogger } from "../runtime/relay.ts";
import { createRelayApp } from "./probot-app.ts";

export async function runActionsEntry(env: NodeJS.ProcessEnv): Promise<void> {
  const name = env.GITHUB_EVENT_NAME;
  const path = env.GITHUB_EVENT_PATH;
  if (!name || !path) throw new UsageError("GITHUB_EVENT_NAME and GITHUB_EVENT_PATH must be set (GitHub Actions sets them)");
  if (!env.GITHUB_TOKEN) throw new UsageError("GITHUB_TOKEN must be set: the App installation token, or the workflow's token");
  const payload: unknown = JSON.parse(await readFile(path, "utf8"));
  const log = relayLogger(env);
  const probot = new Probot({ githubToken: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL ?? "https://api.github.com", log });
  const root = process.cwd();
  // The relay's events go through the one trail, and to WARDEN_AUDIT_REF like a tick's: the runner's disk is gone after the job.
  const audit = await buildRelayAudit(root, env);
  await probot.load(createRelayApp(await buildRelayDeps({ root, env, audit: audit.sink })));
  const id = env.GITHUB_RUN_ID ? `actions-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? "1"}` : randomUUID();
  // The payload is validated by the handler that takes it (zod), not by its declared type.
  const failure = await probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]).then(
    () => undefined,
    (error: unknown) => new RelayFailed(error),
  );
  const end = await audit.finish();
  for (const notice of end.notices) process.stderr.write(`${redactKnownValues(notice, secretValuesFromEnv(env))}\n`);
  if (failure) throw failure;
  if (end.publishError) throw new AuditError(`the relay's events were not appended to the audit branch: ${end.publishError}`);
}

/** A handler failed: exit 1, whatever the cause, so the job shows red and can be re-run. */
class RelayFailed extends WardenError {
  readonly exitCode = 1 as const;
  readonly code = "relay";

  constructor(cause: unknown) {
    // Probot reports handler failures as an AggregateError; the job log gets each cause's message.
    const inner = cause instanceof AggregateError ? cause.errors : [cause];
    super(inner.map((e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))).join("; "), { cause });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runActionsEntry(process.env).then(
    () => (process.exitCode = 0),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`ops-warden relay failed: ${redactKnownValues(message, secretValuesFromEnv(process.env))}\n`);
      process.exitCode = error instanceof WardenError ? error.exitCode : 1;
    },
  );
}
