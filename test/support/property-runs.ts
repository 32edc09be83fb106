/**
 * How many runs a property gets. Every push and pull request: a quarter of its full count (at
 * least 25), so the suite stays fast. The nightly workflow sets WARDEN_PROPERTY_FULL=1 and every
 * property runs its full count. fast-check draws a new seed each run, so the CI runs add up to a
 * wider search over time, and a failure prints the seed and path that replay it.
 */
export function propertyRuns(full: number, env: NodeJS.ProcessEnv = process.env): number {
  if (env.WARDEN_PROPERTY_FULL === "1") return full;
  return Math.min(full, Math.max(25, Math.ceil(full / 4)));
}
