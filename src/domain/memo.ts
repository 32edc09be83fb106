/**
 * Remembers the results of a pure function of strings for its last `size` distinct arguments
 * (oldest forgotten first). For parses of catalog files and playbooks: planning one change
 * validates the whole catalog with it, and every file but the changed one is the same text as
 * last time. Callers must treat results as read-only.
 */
export function memoByText<A extends string[], R>(fn: (...args: A) => R, size = 64): (...args: A) => R {
  const remembered = new Map<string, R>();
  return (...args: A): R => {
    const key = args.join("\u0000");
    if (remembered.has(key)) return remembered.get(key) as R;
    const result = fn(...args);
    if (remembered.size >= size) remembered.delete(remembered.keys().next().value as string);
    remembered.set(key, result);
    return result;
  };
}
