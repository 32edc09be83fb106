import { afterEach, describe, expect, it } from "vitest";
import type { HubClient } from "../../../src/domain/hub.ts";
import { executorWorld } from "../../support/executor-world.ts";

type World = Awaited<ReturnType<typeof executorWorld>>;
let world: World;
afterEach(() => world?.cleanup());

/** The world's hub, counting sends and mark-reads in flight and logging their order per message. */
function countingHub(inner: HubClient) {
  let inFlight = 0;
  let most = 0;
  const order: string[] = [];
  const counted = <T>(what: string, call: () => Promise<T>) => async () => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    try {
      // Yield first, so calls started together are in flight together.
      await new Promise((resolve) => setImmediate(resolve));
      return await call();
    } finally {
      inFlight -= 1;
      order.push(what);
    }
  };
  const hub: HubClient = {
    ...inner,
    unread: (agent) => inner.unread(agent),
    get: (id) => inner.get(id),
    emit: (event, key) => inner.emit(event, key),
    send: (message, key) => counted(`send ${message.in_reply_to}`, () => inner.send(message, key))(),
    markRead: (id) => counted(`read ${id}`, () => inner.markRead(id))(),
  };
  return { hub, most: () => most, order };
}

describe("the execute tick's hub calls", () => {
  it("overlap across messages, at most four in flight, each message's mark-read after its reply", async () => {
    world = await executorWorld();
    const counting = countingHub(world.hub);
    const { result } = await world.tick({ hub: counting.hub });
    expect(result.summary.failed).toBe(0);
    expect(counting.most()).toBeGreaterThan(1);
    expect(counting.most()).toBeLessThanOrEqual(4);
    for (const entry of counting.order.filter((o) => o.startsWith("read "))) {
      const id = entry.slice("read ".length);
      const sent = counting.order.indexOf(`send ${id}`);
      if (sent >= 0) expect(sent).toBeLessThan(counting.order.indexOf(entry));
    }
    expect([...(await world.repliesPer()).values()].every((n) => n === 1)).toBe(true);
  });
});
