import type { ThreadAnswer, ThreadAnswers } from "../../domain/thread-answers.ts";

/**
 * In-memory thread answers for one planner: every route answer it plans is recorded, so within
 * a tick (and across the ticks of a looping worker) a follow-up sees the earlier answer. `seed`
 * holds answers known from before (e.g. ones already sent). A message never counts as its own
 * earlier answer, so re-planning an unread message in the next tick gives the same plan.
 */
export function createThreadAnswers(seed: readonly ThreadAnswer[] = []): ThreadAnswers {
  const byThread = new Map<string, ThreadAnswer[]>();
  const record = (answer: ThreadAnswer): void => {
    const list = byThread.get(answer.thread_id) ?? [];
    const kept = list.filter((a) => a.message_id !== answer.message_id);
    byThread.set(answer.thread_id, [...kept, answer]);
  };
  seed.forEach(record);
  return {
    record,
    earlierRoute(thread_id, message_id, created_at) {
      const at = Date.parse(created_at);
      let latest: ThreadAnswer | undefined;
      for (const a of byThread.get(thread_id) ?? []) {
        if (a.message_id === message_id || !(Date.parse(a.created_at) < at)) continue;
        if (!latest || Date.parse(a.created_at) > Date.parse(latest.created_at)) latest = a;
      }
      return latest?.route_id;
    },
  };
}
