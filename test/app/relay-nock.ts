import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { RelayWorld } from "./support.ts";
import { API, REPO, relayWorld } from "./support.ts";

/**
 * A fresh relay world per test with the real network shut off; after each test every faked
 * GitHub call must have been made. Returns the current world.
 */
export function useRelayWorld(): () => RelayWorld {
  let world: RelayWorld | undefined;
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    world = await relayWorld();
  });
  afterEach(async () => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    await world?.cleanup();
    expect(pending, "every faked GitHub call was made").toEqual([]);
  });
  return () => {
    if (!world) throw new Error("the relay world exists only inside a test");
    return world;
  };
}

/** The repository's REST path, for the other calls a test fakes. */
export const repoPath = `/repos/${REPO}`;

/** GitHub's answer to "what permission has `login`?", as the relays ask it. */
export const permission = (login: string, level: string, role = level) =>
  nock(API).get(`${repoPath}/collaborators/${encodeURIComponent(login)}/permission`).reply(200, { permission: level, role_name: role });

/** The comments of issue or PR `number`. */
export const comments = (number: number, list: object[]) => nock(API).get(`${repoPath}/issues/${number}/comments`).query(true).reply(200, list);
