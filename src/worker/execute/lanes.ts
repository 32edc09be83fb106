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

/**
 * Runs every message once, results in plan order: messages with GitHub or git work one after
 * another in one lane (GitHub's content-creation limit; a thread's second message comments on the
 * issue its first one opened), and messages that only answer on the hub in the other lanes beside
 * it — so at most HUB_CONCURRENCY hub calls are in flight, and git's waits overlap hub calls.
 */
export async function inLanes<R>(plans: readonly MessagePlan[], run: (plan: MessagePlan) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(plans.length);
  const indexed = plans.map((plan, index) => ({ plan, index }));
  const forge = indexed.filter(({ plan }) => !hubOnly(plan));
  const hub = indexed.filter(({ plan }) => hubOnly(plan));
  const forgeLane = async () => {
    for (const { plan, index } of forge) results[index] = await run(plan);
  };
  const hubLanes = inPool(hub, forge.length > 0 ? HUB_CONCURRENCY - 1 : HUB_CONCURRENCY, async ({ plan, index }) => {
    results[index] = await run(plan);
  });
  await Promise.all([forgeLane(), hubLanes]);
  return results;
}

/** One at a time, in call order, whatever overlaps around it. */
export function serial(): <R>(work: () => Promise<R>) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
