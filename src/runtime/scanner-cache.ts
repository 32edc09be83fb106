import type { SecretFinding, SecretScanner } from "../domain/secrets.ts";

/**
 * Remembers the findings for recently scanned texts (positions only, never values), so that
 * validating a branch's whole catalog before a push re-scans only the file that changed: the
 * planner scanned every other file when it loaded the catalog. Bounded, oldest evicted first.
 */
export function cachingScanner(scanner: SecretScanner, maxEntries = 512): SecretScanner {
  const cache = new Map<string, Promise<SecretFinding[]>>();
  return {
    scan(text: string): Promise<SecretFinding[]> {
      const hit = cache.get(text);
      if (hit) return hit.then((findings) => findings.map((f) => ({ ...f })));
      const pending = scanner.scan(text);
      cache.set(text, pending);
      pending.catch(() => cache.delete(text));
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return pending.then((findings) => findings.map((f) => ({ ...f })));
    },
  };
}
