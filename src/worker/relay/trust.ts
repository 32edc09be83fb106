import type { Marker } from "../render/marker.ts";
import { readMarker } from "../render/marker.ts";
import type { RelaySettings } from "./context.ts";

interface Author {
  login: string;
  type: string;
}

export type Trust = { trusted: true; marker: Marker } | { trusted: false; reason: string };

/**
 * The marker of a PR or issue is believed only when the bot wrote the body: anyone can paste a
 * marker into an issue they open, and relaying on it would let them speak to any agent's thread.
 */
export function trustMarker(body: string | null, author: Author, repository: string, settings: RelaySettings): Trust {
  if (repository.toLowerCase() !== settings.repository.toLowerCase()) return { trusted: false, reason: `event from another repository (${repository})` };
  const marker = readMarker(body ?? "");
  if (!marker) return { trusted: false, reason: "no ops-warden marker" };
  if (!isBot(author, settings)) return { trusted: false, reason: `marker in a body written by ${author.login}, not the bot: not trusted` };
  return { trusted: true, marker };
}

export function isBot(author: Author, settings: RelaySettings): boolean {
  return author.type === "Bot" && settings.botLogins.some((login) => login.toLowerCase() === author.login.toLowerCase());
}
