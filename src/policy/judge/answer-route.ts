import type { Route } from "../../domain/catalog.ts";
import { secretIn } from "../findings.ts";
import { isProductionRoute } from "../production-gate.ts";
import { checkReplyBody } from "../reply-gate.ts";
import type { Judged, Verdict } from "../verdict.ts";
import { downgrade, pass } from "../verdict.ts";
import type { JudgeContext } from "./context.ts";

/** answer_route: the route must exist, be live and not production. Allowed → the route to render. */
export function judgeAnswerRoute(routeId: string, ctx: Pick<JudgeContext, "index">): Judged<Route> {
  const route = ctx.index.get(routeId);
  if (!route) return { verdict: downgrade("route-unknown", "ambiguous", `route "${routeId}" is not in the catalog`) };
  if (route.status === "retired") return { verdict: downgrade("route-retired", "ambiguous", `route "${routeId}" is retired`) };
  if (isProductionRoute(route)) {
    return { verdict: downgrade("production", "production", `route "${routeId}" is flagged production: a human answers production access`) };
  }
  return { verdict: pass(), checked: route };
}

/**
 * The answer is rendered from the catalog, but playbooks are data too: the rendered text meets
 * the reply rules and the secret scan like any reply.
 */
export async function judgeRenderedAnswer(routeId: string, body: string, ctx: Pick<JudgeContext, "scanner" | "settings">): Promise<Verdict> {
  const format = checkReplyBody(body, ctx.settings.replies);
  if (format) return { ...format, reason: `the rendered answer for "${routeId}": ${format.reason}` };
  const secret = await secretIn(ctx.scanner, body, "the rendered answer contains a secret value");
  return secret ? downgrade("outbound-secret", "secret", secret) : pass();
}
