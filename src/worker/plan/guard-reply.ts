import type { Route } from "../../domain/catalog.ts";
import { actionKey, contentHash } from "../../domain/keys.ts";
import type { Message } from "../../domain/message.ts";
import { judgeAnswerRoute, judgeRenderedAnswer } from "../../policy/judge/answer-route.ts";
import { echoProblem } from "../../policy/echo-gate.ts";
import { judgeReply } from "../../policy/judge/reply.ts";
import type { Verdict } from "../../policy/verdict.ts";
import { renderRouteAnswer, replyEnvelope } from "../render/reply.ts";
import type { PlanContext } from "./context.ts";
import type { Guarded } from "./guarded.ts";
import { fromVerdict } from "./guarded.ts";

/** answer_route: judged on the route, then rendered from the catalog and judged as text. */
export async function guardAnswerRoute(routeId: string, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = "answer_route";
  const judged = judgeAnswerRoute(routeId, ctx.judge);
  if (!judged.checked) return fromVerdict(kind, judged.verdict);
  const route = judged.checked;
  const answer = await checkedAnswer(route, ctx);
  if (answer.verdict.outcome !== "allowed") return fromVerdict(kind, answer.verdict);
  return fromVerdict(kind, answer.verdict, { kind, key: actionKey(message.id, kind, route.id), route_id: route.id, reply: replyEnvelope(message, answer.body) });
}

type CheckedAnswer = { body: string; verdict: Verdict };

/**
 * The answer for a route depends on the catalog alone, so it is rendered and judged once per
 * route for the planner's lifetime (the catalog does not change under a running planner).
 */
const answers = new WeakMap<PlanContext, Map<string, Promise<CheckedAnswer>>>();

function checkedAnswer(route: Route, ctx: PlanContext): Promise<CheckedAnswer> {
  let cache = answers.get(ctx);
  if (!cache) answers.set(ctx, (cache = new Map()));
  let answer = cache.get(route.id);
  if (!answer) cache.set(route.id, (answer = renderAndJudge(route, ctx)));
  return answer;
}

async function renderAndJudge(route: Route, ctx: PlanContext): Promise<CheckedAnswer> {
  const owner = ctx.judge.catalog.owners.find((o) => o.id === route.owner);
  const body = renderRouteAnswer(route, owner, ctx.stepsFor(route));
  return { body, verdict: await judgeRenderedAnswer(route.id, body, ctx.judge) };
}

/** reply: free text from the brain, judged, then sent to the original sender in the original thread. */
export async function guardReply(body: string, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = "reply";
  // A reply that carries the prompt or the message back is refused before the format and secret checks.
  const verdict = echoProblem(body, message) ?? (await judgeReply(body, ctx.judge));
  return fromVerdict(kind, verdict, { kind, key: actionKey(message.id, kind, contentHash(body)), reply: replyEnvelope(message, body) });
}
