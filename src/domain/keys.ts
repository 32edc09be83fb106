import { createHash } from "node:crypto";

/**
 * Deterministic idempotency keys: the same message and the same effect always give the same key,
 * so a tick re-run after a crash finds (or re-sends harmlessly) what the first run did.
 * Hashing is pure computation, so it is allowed in the domain.
 */
export function actionKey(messageId: string, kind: string, discriminator = ""): string {
  const digest = createHash("sha256").update(`${messageId}\u0000${kind}\u0000${discriminator}`).digest("hex");
  return `warden-${kind}-${digest.slice(0, 24)}`;
}

/** A short stable hash of arbitrary content, for branch names and markers. */
export function contentHash(content: string, length = 12): string {
  return createHash("sha256").update(content).digest("hex").slice(0, length);
}
