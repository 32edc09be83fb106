/**
 * Ids are long (`msg-<uuid>`) and the compact plan shows them cut short, so every command that
 * takes an id accepts a unique prefix, as git accepts a short commit hash. Pure: the caller
 * supplies the ids it knows (a plan's, an audit trail's).
 */
export type IdPrefixResolution =
  | { kind: "found"; id: string }
  | { kind: "none" }
  | { kind: "ambiguous"; matches: string[] };

/** The ellipsis a truncated id is shown with, pasted along with it. */
const SHOWN_ELLIPSIS = /(?:…|\.\.\.)$/u;

/**
 * The one id `given` names: an exact id first, else the only id it is a prefix of. An empty
 * prefix names nothing (it would match everything).
 */
export function resolveIdPrefix(given: string, known: Iterable<string>): IdPrefixResolution {
  const prefix = idPrefixOf(given);
  if (prefix === "") return { kind: "none" };
  const matches = new Set<string>();
  for (const id of known) {
    if (id === prefix) return { kind: "found", id };
    if (id.startsWith(prefix)) matches.add(id);
  }
  const [only, ...others] = [...matches];
  if (only === undefined) return { kind: "none" };
  if (others.length === 0) return { kind: "found", id: only };
  return { kind: "ambiguous", matches: [only, ...others].sort() };
}

/** What an id as given names: trimmed, without the ellipsis it was shown with. */
export function idPrefixOf(given: string): string {
  return given.trim().replace(SHOWN_ELLIPSIS, "");
}

/** A short list of ids for an error message: the first `max`, then how many more. */
export function listIds(ids: readonly string[], max = 10): string {
  return ids.length > max ? `${ids.slice(0, max).join(", ")}, … (${ids.length - max} more)` : ids.join(", ");
}
