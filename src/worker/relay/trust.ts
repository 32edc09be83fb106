import type { Marker } from "../render/marker.ts";
import { isOwnAuthor, ownMarker } from "../execute/own-work.ts";
import type { RelaySettings } from "./context.ts";

interface Author {
  login: string;
  type: string;
}

export type Trust = { trusted: true; marker: Marker } | { trusted: false; reason: string };

/**
 * The marker of a PR or issue is believed only when the bot wrote the body (the executor's own
 * trust rule): anyone can paste a marker into an issue they open, and relaying on it would let
 * them speak to any agent's thread.
 */
export function trustMarker(body: string | null, author: Author, repository: string, settings: RelaySettings): Trust {
  if (repository.toLowerCase() !== settings.repository.toLowerCase()) return { trusted: false, reason: `event from another repository (${repository})` };
  if (!isBot(author, settings)) return { trusted: false, reason: `a body written by ${author.login}, not the bot: its marker is not trusted` };
  const marker = ownMarker({ body: body ?? "", author: asForgeAuthor(author) }, settings.botLogins);
  return marker ? { trusted: true, marker } : { trusted: false, reason: "no ops-warden marker" };
}

export function isBot(author: Author, settings: RelaySettings): boolean {
  return isOwnAuthor(asForgeAuthor(author), settings.botLogins);
}

function asForgeAuthor(author: Author) {
  return { login: author.login, bot: author.type === "Bot" };
}
