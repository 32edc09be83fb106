import type { ApplicationFunction, Context } from "probot";
import type { z } from "zod";
import { auditEvent } from "../domain/audit.ts";
import type { RelayDepsFactory } from "../runtime/relay.ts";
import { CommentCreatedSchema, IssueClosedSchema, parsePayload, PullRequestClosedSchema } from "../worker/relay/events.ts";
import { relayReplyCommand } from "../worker/relay/command.ts";
import type { RelayDeps, RelayResult } from "../worker/relay/context.ts";
import { relayEscalationClosed } from "../worker/relay/escalation.ts";
import { relayPullRequestClosed } from "../worker/relay/pull-request.ts";

/**
 * The ops-warden GitHub App: three webhooks, three relays. A handler error propagates, so the
 * webhook answers 500 (GitHub shows the failed delivery) and the Actions entry exits 1.
 */
export function createRelayApp(build: RelayDepsFactory): ApplicationFunction {
  return (app) => {
    app.on("pull_request.closed", (context) => handle(context, "pull_request.closed", PullRequestClosedSchema, relayPullRequestClosed, build));
    app.on("issues.closed", (context) => handle(context, "issues.closed", IssueClosedSchema, relayEscalationClosed, build));
    app.on("issue_comment.created", (context) => handle(context, "issue_comment.created", CommentCreatedSchema, relayReplyCommand, build));
  };
}

async function handle<T>(context: Context, event: string, schema: z.ZodType<T>, relay: (payload: T, deps: RelayDeps) => Promise<RelayResult>, build: RelayDepsFactory): Promise<void> {
  const payload = parsePayload(event, schema, context.payload);
  const deps = build(context.octokit as unknown as Parameters<RelayDepsFactory>[0], context.log);
  const result = await relay(payload, deps);
  // A refusal (no write permission, a secret in the reply) is a guardrail decision: audited like the tick's.
  if (result.outcome === "refused" && deps.audit) {
    const action = { kind: event.replace(/\W/g, "_"), key: `relay-${context.id}`.slice(0, 200) };
    await deps.audit.record(auditEvent({ at: deps.now().toISOString(), actor: "relay", mode: deps.settings.mode, outcome: "blocked", action, rule: "relay-refused", reason: result.reason.slice(0, 2000) }));
    await deps.audit.flush();
  }
  context.log.info({ event, delivery: context.id, outcome: result.outcome, ...("reason" in result ? { reason: result.reason } : { key: result.key }) }, `relay ${result.outcome}`);
}
