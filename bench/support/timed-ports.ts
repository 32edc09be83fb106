import type { GitHubPort } from "../../src/domain/forge.ts";
import type { GitPort } from "../../src/domain/git.ts";
import type { HubClient } from "../../src/domain/hub.ts";

/** Wraps ports so every call's wall time is added to a per-port total (git, REST, hub). */
export function timedPorts() {
  const totals = { git: 0, rest: 0, hub: 0, events: 0 };
  function wrap<T extends object>(target: T, bucket: keyof typeof totals): T {
    return new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver) as unknown;
        if (typeof value !== "function" || prop === "unread") return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(obj) : value;
        return async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
          } finally {
            // Progress events (the audit's hub delivery) are counted apart from replies and mark-reads.
            totals[bucket === "hub" && prop === "emit" ? "events" : bucket] += performance.now() - started;
          }
        };
      },
    });
  }
  return {
    totals,
    git: (port: GitPort) => wrap(port, "git"),
    github: (port: GitHubPort) => wrap(port, "rest"),
    hub: (port: HubClient) => wrap(port, "hub"),
  };
}
