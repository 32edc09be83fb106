import { join } from "node:path";
import { inject } from "vitest";

/**
 * Paths of the entry points in the bundle test/setup/bundle.ts built for this run: what a test
 * spawns when it needs a real process. `node <path> …` runs it, as the workflows do.
 */
export function builtEntry(name: "warden" | "relay" | "tick-decide"): string {
  return join(inject("wardenDist"), `${name}.mjs`);
}
