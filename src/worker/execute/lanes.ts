import type { MessagePlan } from "../plan/types.ts";

/** Hub calls in flight at once, at most: replies and mark-reads of different messages overlap. */
export const HUB_CONCURRENCY = 4;

/** A message whose actions touch only the hub (replies, mark-read) can run beside others. */
export function hubOnly(plan: MessagePlan): boolean {
  return plan.run.every((a) => a.kind === "answer_route" || a.kind === "reply" || a.kind === "mark_read");
}

/**
 * Runs `work` over `items` with at most `width` at once, results in input order. Each item's own
 * steps stay in order (a message's mark-read still comes after its reply); only items overlap.
 */
export async function inPool<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

/** One at a time: GitHub writes stay serial (its content-creation limit), whatever overlaps around them. */
export function serial(): <R>(work: () => Promise<R>) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
