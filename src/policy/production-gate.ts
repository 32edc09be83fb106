import type { Route } from "../domain/catalog.ts";

/**
 * Production is a human's call. Two signals: a route flagged `production` (answering it or
 * changing it), and a message whose text asks to change something in production. The text check
 * is a deliberately broad word match: a false positive costs one escalation issue; a false
 * negative could put a production change in a bot PR.
 */
const PRODUCTION = /\b(?:production|prod|prd|live)\b/;
const CHANGE =
  /\b(?:chang|updat|rais|increas|lower|decreas|set|modif|edit|disabl|enabl|rotat|delet|remov|grant|configur|reconfigur|bump|extend|shorten|turn(?:ing)? off|turn(?:ing)? on|allow|permit|whitelist|allowlist|revok|drop|restart|deploy|patch|apply|replac|migrat)\w*/;

export function mentionsProductionChange(normalizedText: string): string | undefined {
  const lower = normalizedText.toLowerCase();
  const prod = PRODUCTION.exec(lower);
  const change = CHANGE.exec(lower);
  if (!prod || !change) return undefined;
  return `asks to ${change[0]} something in ${prod[0]}`;
}

export function isProductionRoute(route: Pick<Route, "sensitivity"> | undefined): boolean {
  return route?.sensitivity.includes("production") ?? false;
}
