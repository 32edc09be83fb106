import { actionKey, contentHash } from "../../domain/keys.ts";
import type { Message } from "../../domain/message.ts";
import { isProductionRoute } from "../../policy/production-gate.ts";
import { checkReplyBody } from "../../policy/reply-gate.ts";
import { renderRouteAnswer, replyEnvelope } from "../render/reply.ts";
import type { PlanContext } from "./context.ts";
import type { Guarded } from "./guarded.ts";
import { allowedResult, downgraded } from "./guarded.ts";
import { findSecrets, ruleNames } from "./secret-check.ts";

/** answer_route: the route must exist, be live and not production; the answer is rendered from the catalog. */
export async function guardAnswerRoute(routeId: string, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = "answer_route";
  const route = ctx.brainContext.index.get(routeId);
  if (!route) return downgraded(kind, "route-unknown", "ambiguous", `route "${routeId}" is not in the catalog`);
  if (route.status === "retired") return downgraded(kind, "route-retired", "ambiguous", `route "${routeId}" is retired`);
  if (isProductionRoute(route)) {
    return downgraded(kind, "production", "production", `route "${routeId}" is flagged production: a human answers production access`);
  }
  const owner = ctx.brainContext.catalog.owners.find((o) => o.id === route.owner);
  const body = renderRouteAnswer(route, owner, ctx.stepsFor(route));
  // The answer is rendered from the catalog, but playbooks are data too: it meets the same rules.
  const format = checkReplyBody(body, ctx.config.replies);
  if (format) return downgraded(kind, format.rule, "policy", `the rendered answer for "${routeId}": ${format.reason}`);
  const verdict = await checkOutbound(kind, body, ctx);
  return verdict ?? allowedResult(kind, { kind, key: actionKey(message.id, kind, route.id), route_id: route.id, reply: replyEnvelope(message, body) });
}

/** reply: free text from the brain, so it passes the reply format rules and the secret scan. */
export async function guardReply(body: string, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = "reply";
  const format = checkReplyBody(body, ctx.config.replies);
  if (format) return downgraded(kind, format.rule, "policy", format.reason);
  const verdict = await checkOutbound(kind, body, ctx);
  return verdict ?? allowedResult(kind, { kind, key: actionKey(message.id, kind, contentHash(body)), reply: replyEnvelope(message, body) });
}

async function checkOutbound(kind: string, text: string, ctx: PlanContext): Promise<Guarded | undefined> {
  const findings = await findSecrets(ctx.scanner, text);
  if (findings.length === 0) return undefined;
  return downgraded(kind, "outbound-secret", "secret", `the ${kind === "reply" ? "reply" : "rendered answer"} contains a secret value (${ruleNames(findings)})`);
}
