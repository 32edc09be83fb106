import type { Claim } from "../../domain/claims.ts";
import { ForgeError, ForgeRateLimitError } from "../../domain/errors.ts";
import type { TickState } from "./context.ts";

export type Creation<T> = { kind: "created"; url: string; item: T } | { kind: "found"; url: string; item?: T } | { kind: "busy"; holder: string };

/**
 * The one way a non-idempotent effect (issue, PR, comment) is made: claim its key (a second tick
 * at the same moment finds it claimed or done), then create; when the create fails in a way that
 * may still have taken effect (a 5xx, a lost connection), look the marker up before trying once
 * more. So neither a retry nor a concurrent tick makes a second artefact.
 */
export async function createOnce<T extends { url: string }>(state: TickState, key: string, find: () => Promise<T | undefined>, create: () => Promise<T>): Promise<Creation<T>> {
  // A dry-run's placeholders must never read as done for the executing tick that follows.
  const claims = state.deps.dryRun ? undefined : state.deps.claims;
  const claim: Claim = claims ? await claims.claim(key) : { kind: "mine", takenOver: false };
  if (claim.kind === "busy") return claim;
  if (claim.kind === "done") return { kind: "found", url: claim.url };
  try {
    // A dead tick held the claim: it may have created before dying.
    const earlier = claim.takenOver ? await find() : undefined;
    const result = earlier ? { kind: "found" as const, url: earlier.url, item: earlier } : await createOrFind(find, create);
    await claims?.done(key, result.url);
    return result;
  } catch (error) {
    await claims?.release(key);
    throw error;
  }
}

async function createOrFind<T extends { url: string }>(find: () => Promise<T | undefined>, create: () => Promise<T>): Promise<Exclude<Creation<T>, { kind: "busy" }>> {
  try {
    const item = await create();
    return { kind: "created", item, url: item.url };
  } catch (error) {
    if (!mayHaveTakenEffect(error)) throw error;
    const found = await find();
    if (found) return { kind: "found", url: found.url, item: found };
    const item = await create();
    return { kind: "created", item, url: item.url };
  }
}

/** No answer, or a 5xx: GitHub may have made the artefact before failing to say so. */
export function mayHaveTakenEffect(error: unknown): boolean {
  if (!(error instanceof ForgeError) || error instanceof ForgeRateLimitError) return false;
  return error.code === "connection" || (error.status !== undefined && error.status >= 500);
}
