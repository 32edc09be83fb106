import type { Catalog } from "../../domain/catalog.ts";
import { contentHash } from "../../domain/keys.ts";
import type { Message } from "../../domain/message.ts";

const catalogHashes = new WeakMap<Catalog, string>();

/** A hash of everything in the catalog a decision can depend on; computed once per loaded catalog. */
export function catalogHash(catalog: Catalog): string {
  let known = catalogHashes.get(catalog);
  if (known === undefined) {
    known = contentHash(JSON.stringify([catalog.routes, catalog.owners, catalog.playbooks.map((p) => [p.path, p.meta])]), 32);
    catalogHashes.set(catalog, known);
  }
  return known;
}

/**
 * The decision-cache key: the message id, a hash of what the model read of it, the catalog and
 * the brain version (charter, schema, framing, provider, model, settings). Any of them changing
 * means a new decision; none of them changing means the same decision in every tick.
 */
export function decisionKey(message: Pick<Message, "id" | "from_agent" | "subject" | "body">, catalog: Catalog, brainVersion: string): string {
  const content = contentHash(JSON.stringify([message.from_agent, message.subject, message.body]), 32);
  return contentHash(JSON.stringify([message.id, content, catalogHash(catalog), brainVersion]), 40);
}
