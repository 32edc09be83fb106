import { hash } from "node:crypto";

/**
 * Deterministic idempotency keys: the same message and the same effect always give the same key,
 * so a tick re-run after a crash finds (or re-sends harmlessly) what the first run did.
 * Hashing is pure computation, so it is allowed in the domain. The one-shot `hash` gives the same
 * digest as `createHash(…).update(…).digest(…)` (UTF-8 input) at a third of the cost: the planner
 * derives several keys per message.
 */
export function actionKey(messageId: string, kind: string, discriminator = ""): string {
  const digest = hash("sha256", `${messageId}\u0000${kind}\u0000${discriminator}`, "hex");
  return `warden-${kind}-${digest.slice(0, 24)}`;
}

/** A short stable hash of arbitrary content, for branch names and markers. */
export function contentHash(content: string, length = 12): string {
  return hash("sha256", content, "hex").slice(0, length);
}
