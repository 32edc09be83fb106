import type { Route } from "../../domain/catalog.ts";
import { actionKey, contentHash } from "../../domain/keys.ts";
import type { Message } from "../../domain/message.ts";
import { isProductionRoute } from "../../policy/production-gate.ts";
import { checkReplyBody } from "../../policy/reply-gate.ts";
import { renderRouteAnswer, replyEnvelope } from "../render/reply.ts";
import type { PlanContext } from "./context.ts";
import type { Guarded } from "./guarded.ts";
import { allowedResult, downgraded } from "./guarded.ts";
import { ruleNames } from "./secret-check.ts";

/** answer_route: the route must exist, be live and not production; the answer is rendered from the catalog. */
export async function guardAnswerRoute(routeId: string, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = "answer_route";
  const route = ctx.brainContext.index.get(routeId);
  if (!route) return downgraded(kind, "route-unknown", "ambiguous", `route "${routeId}" is not in the catalog`);
  if (route.status === "retired") return downgraded(kind, "route-retired", "ambiguous", `route "${routeId}" is retired`);
  if (isProductionRoute(route)) {
    return downgraded(kind, "production", "production", `route "${routeId}" is flagged production: a human answers production access`);
  }
  const answer = await checkedAnswer(route, ctx);
  if ("refused" in answer) return answer.refused;
  return allowedResult(kind, { kind, key: actionKey(message.id, kind, route.id), route_id: route.id, reply: replyEnvelope(message, answer.body) });
}

type CheckedAnswer = { body: string } | { refused: Guarded };

/**
 * The answer for a route depends on the catalog alone, so it is rendered and checked once per
 * route for the planner's lifetime (the catalog does not change under a running planner).
 */
const answers = new WeakMap<PlanContext, Map<string, Promise<CheckedAnswer>>>();

function checkedAnswer(route: Route, ctx: PlanContext): Promise<CheckedAnswer> {
  let cache = answers.get(ctx);
  if (!cache) answers.set(ctx, (cache = new Map()));
  let answer = cache.get(route.id);
  if (!answer) cache.set(route.id, (answer = renderAndCheck(route, ctx)));
  return answer;
}

async function renderAndCheck(route: Route, ctx: PlanContext): Promise<CheckedAnswer> {
  const kind = "answer_route";
  const owner = ctx.brainContext.catalog.owners.find((o) => o.id === route.owner);
  const body = renderRouteAnswer(route, owner, ctx.stepsFor(route));
  // The answer is rendered from the catalog, but playbooks are data too: it meets the same rules.
  const format = checkReplyBody(body, ctx.config.replies);
  if (format) return { refused: downgraded(kind, format.rule, "policy", `the rendered answer for "${route.id}": ${format.reason}`) };
  const refused = await checkOutbound(kind, body, ctx);
  return refused ? { refused } : { body };
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
  const findings = await ctx.scanner.scan(text);
  if (findings.length === 0) return undefined;
  return downgraded(kind, "outbound-secret", "secret", `the ${kind === "reply" ? "reply" : "rendered answer"} contains a secret value (${ruleNames(findings)})`);
}
