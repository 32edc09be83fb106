import { routeAnswerView } from "../../catalog/answer.ts";
import { stepsOnTopic } from "../../catalog/steps.ts";
import type { Route } from "../../domain/catalog.ts";
import { actionKey, contentHash } from "../../domain/keys.ts";
import type { Message } from "../../domain/message.ts";
import { judgeAnswerRoute, judgeRenderedAnswer } from "../../policy/judge/answer-route.ts";
import { judgeReply } from "../../policy/judge/reply.ts";
import type { Verdict } from "../../policy/verdict.ts";
import { renderRepeatedRouteAnswer, renderRouteAnswer, replyEnvelope } from "../render/reply.ts";
import type { PlanContext } from "./context.ts";
import type { Guarded } from "./guarded.ts";
import { fromVerdict } from "./guarded.ts";

/** answer_route: judged on the route, then rendered from the catalog and judged as text. */
export async function guardAnswerRoute(routeId: string, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = "answer_route";
  const judged = judgeAnswerRoute(routeId, ctx.judge);
  if (!judged.checked) return fromVerdict(kind, judged.verdict);
  const route = judged.checked;
  const answer = await checkedAnswer(route.id, answerBody(route, message, ctx), ctx);
  if (answer.verdict.outcome !== "allowed") return fromVerdict(kind, answer.verdict);
  ctx.threads.record({ thread_id: message.thread_id, message_id: message.id, created_at: message.created_at, route_id: route.id });
  return fromVerdict(kind, answer.verdict, { kind, key: actionKey(message.id, kind, route.id), route_id: route.id, reply: replyEnvelope(message, answer.body, { route_id: route.id }) });
}

/**
 * The catalog's answer for this route; the question only selects which steps are quoted. A
 * follow-up in a thread already answered with the same route gets the short form.
 */
function answerBody(route: Route, message: Message, ctx: PlanContext): string {
  const question = `${message.subject}\n${message.body}`;
  const catalog = ctx.judge.catalog;
  const view = routeAnswerView(route, catalog, question);
  const repeated = ctx.threads.earlierRoute(message.thread_id, message.id, message.created_at) === route.id;
  return repeated ? renderRepeatedRouteAnswer(view, stepsOnTopic(route, catalog, question)) : renderRouteAnswer(view);
}

type CheckedAnswer = { body: string; verdict: Verdict };

/**
 * An answer is catalog text alone (the question only picks among a few forms), so each distinct
 * body is judged once for the planner's lifetime (the catalog does not change under a running planner).
 */
const answers = new WeakMap<PlanContext, Map<string, Promise<CheckedAnswer>>>();

function checkedAnswer(routeId: string, body: string, ctx: PlanContext): Promise<CheckedAnswer> {
  let cache = answers.get(ctx);
  if (!cache) answers.set(ctx, (cache = new Map()));
  let answer = cache.get(body);
  if (!answer) cache.set(body, (answer = judgeRenderedAnswer(routeId, body, ctx.judge).then((verdict) => ({ body, verdict }))));
  return answer;
}

/** reply: free text from the brain, judged, then sent to the original sender in the original thread. */
export async function guardReply(body: string, message: Message, ctx: PlanContext): Promise<Guarded> {
  const kind = "reply";
  const verdict = await judgeReply(body, message, ctx.judge);
  return fromVerdict(kind, verdict, { kind, key: actionKey(message.id, kind, contentHash(body)), reply: replyEnvelope(message, body, { kind: "reply" }) });
}
