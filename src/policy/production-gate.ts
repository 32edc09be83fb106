import type { Route } from "../domain/catalog.ts";

/**
 * Production is a human's call. Two signals: a route flagged `production` (answering it or
 * changing it), and a message whose text asks to change something in production.
 *
 * The text check looks for a change verb and a production word in the same sentence, close to
 * each other. It stays broad on purpose — a false positive costs one escalation issue, a false
 * negative could put a production change in a bot PR — but it reads sentences, not the message
 * as a bag of words: "our pipeline deploys to production; which OIDC role do we need?" asks
 * nothing of production, and "where do the passwords live" is not about a live system.
 *
 * What it lets through still meets the route guard: a production-flagged route is never
 * answered or changed by the bot, whatever the text says.
 */
const PRODUCTION =
  /\b(?:production|prod|prd)\b|\blive\s+(?:[a-z0-9-]+\s+){0,2}?(?:env(?:ironment)?s?|clusters?|systems?|hosts?|servers?|databases?|dbs?|traffic|sites?|stacks?|data|nodes?|fleet|bastions?|config(?:uration)?s?|settings?|ttls?|roles?|keys?|certificates?|principals?|deployments?|instances?|regions?|accounts?|tenants?|polic(?:y|ies))\b|\b(?:in|on|to|into)\s+live\b|(?:^|\n)[ \t]*live[ \t]*:/g;

/**
 * Verbs of change: the base form (imperatives, "please raise", "should allow"), and the past and
 * -ing forms unless a statement's subject or auxiliary comes right before them ("we deployed",
 * "is rotating"). Third-person forms ("the pipeline deploys to production") describe, they do not
 * ask; only "changes" and "updates" stay, as nouns naming what is asked for.
 */
const VERBS: readonly [base: string, inflected: string][] = [
  ["change", "changed|changing"], ["update", "updated|updating"], ["raise", "raised|raising"], ["increase", "increased|increasing"],
  ["lower", "lowered|lowering"], ["decrease", "decreased|decreasing"], ["set", "setting"], ["modify", "modified|modifying"],
  ["edit", "edited|editing"], ["disable", "disabled|disabling"], ["enable", "enabled|enabling"], ["rotate", "rotated|rotating"],
  ["delete", "deleted|deleting"], ["remove", "removed|removing"], ["grant", "granted|granting"], ["give", "given|giving"],
  ["(?:re)?configure", "(?:re)?configured|(?:re)?configuring"], ["bump", "bumped|bumping"], ["extend", "extended|extending"],
  ["shorten", "shortened|shortening"], ["turn\\s+(?:off|on)", "turned\\s+(?:off|on)|turning\\s+(?:off|on)"], ["allow", "allowed|allowing"],
  ["permit", "permitted|permitting"], ["(?:white|allow)list", "(?:white|allow)listed|(?:white|allow)listing"], ["revoke", "revoked|revoking"],
  ["drop", "dropped|dropping"], ["restart", "restarted|restarting"], ["deploy", "deployed|deploying"], ["patch", "patched|patching"],
  ["apply", "applied|applying"], ["replace", "replaced|replacing"], ["migrate", "migrated|migrating"], ["add", "added|adding"],
  ["put", "putting"], ["skip", "skipped|skipping"], ["waive", "waived|waiving"], ["bypass", "bypassed|bypassing"],
  ["exempt", "exempted|exempting"], ["unblock", "unblocked|unblocking"], ["unlock", "unlocked|unlocking"], ["lift", "lifted|lifting"],
  ["relax", "relaxed|relaxing"], ["reset", "resetting"], ["override", "overridden|overriding"], ["install", "installed|installing"],
  ["upgrade", "upgraded|upgrading"], ["downgrade", "downgraded|downgrading"], ["reboot", "rebooted|rebooting"], ["scale", "scaled|scaling"],
  ["roll\\s+back|rollback", "rolled\\s+back|rolling\\s+back"], ["wipe", "wiped|wiping"], ["purge", "purged|purging"],
  ["truncate", "truncated|truncating"], ["rename", "renamed|renaming"], ["open\\s+up", "opened\\s+up|opening\\s+up"],
  ["kill", "killed|killing"], ["shut\\s+(?:down|off)", "shutting\\s+(?:down|off)"], ["stop", "stopped|stopping"], ["let", "letting"],
  ["alter", "altered|altering"], ["adjust", "adjusted|adjusting"], ["tweak", "tweaked|tweaking"], ["tune", "tuned|tuning"],
  ["flip", "flipped|flipping"], ["switch", "switched|switching"], ["loosen", "loosened|loosening"], ["tighten", "tightened|tightening"],
  ["expand", "expanded|expanding"], ["widen", "widened|widening"], ["create", "created|creating"], ["provision", "provisioned|provisioning"],
  ["assign", "assigned|assigning"], ["elevate", "elevated|elevating"], ["promote", "promoted|promoting"], ["unset", "unsetting"],
];
/** A subject or a negation right before the base form makes it a statement or a warning: "we rotate", "never change". */
const BASE_LEAD = String.raw`(?<!\b(?:we|i|they|he|she|don't|dont|not|never|to\s+never)\s)`;
/** Before a past or -ing form, also auxiliaries and relatives: "was changed", "is rotating", "that allowed". */
const INFLECTED_LEAD = String.raw`(?<!\b(?:we|i|they|he|she|it|that|which|who|was|were|been|be|being|has|have|had|is|are|am|'re|'ve|just|already|recently|currently|still|also)\s)`;
const CHANGE = new RegExp(
  `${BASE_LEAD}\\b(?:${VERBS.map(([base]) => base).join("|")}|changes|updates)\\b|${INFLECTED_LEAD}\\b(?:${VERBS.map(([, inflected]) => inflected).join("|")})\\b`,
  "g",
);
/** A change word used as a noun or in a set phrase: the deploy pipeline, a set of hosts, let me know. */
const NOT_A_CHANGE_AFTER: Readonly<Record<string, RegExp>> = {
  deploy: /^[\s-]*(?:pipelines?|jobs?|bots?|api|keys?|workflows?|hosts?|roles?|tools?|tooling|steps?|scripts?|systems?|runners?|targets?|tokens?|users?|accounts?|services?|agents?|windows?|freeze|process)\b/,
  set: /^\s+of\b/,
  scale: /^\s+(?:of|in|on)\b/,
  let: /^\s+(?:me|us)\s+know\b/,
  switch: /^\s+(?:to|between)\s+(?:the\s+)?(?:staging|dev|test)\b/,
};

/** A question about how something works or who owns it, asked by the sender for themselves. */
const ROUTING_QUESTION =
  /^\s*(?:(?:how|where|who|whom|which|what|when|why)\b[^?]*\b(?:do|does|did|can|could|should|would|is|are|was|were)\s+(?:i|we|they|one|people|teams?|my|our|their)\b|who\s+(?:owns|handles|approves|decides|is\s+responsible)|(?:which|what)\s+(?:route|lane|team|owner|system|process|procedure|playbook)\b)[^?]*\?/i;

/** Change word and production word at most this many words apart count as one request. */
const NEAR_WORDS = 10;

/**
 * The production words of the whole message, and the change words outside routing questions:
 * a request counts when one is near the other, also across a sentence break ("Why is the
 * production TTL so short? Raise it.").
 */
export function mentionsProductionChange(normalizedText: string): string | undefined {
  const text = normalizedText.toLowerCase();
  const productions = [...text.matchAll(PRODUCTION)];
  if (productions.length === 0) return undefined;
  // Only sentences ending in "?" can be routing questions; testing the others would let one
  // long sentence cost quadratic time in the question pattern.
  const asks = text.replace(/[^.!?\n]+[.!?]?/g, (sentence) => (sentence.endsWith("?") && ROUTING_QUESTION.test(sentence) ? " ".repeat(sentence.length) : sentence));
  const words = wordStarts(text);
  const productionWords = productions.map((p) => wordAt(words, p.index));
  for (const change of asks.matchAll(CHANGE)) {
    if (NOT_A_CHANGE_AFTER[change[0]]?.test(asks.slice(change.index + change[0].length, change.index + change[0].length + 80))) continue;
    const nearest = nearestProduction(productionWords, wordAt(words, change.index));
    if (nearest.distance <= NEAR_WORDS) return `asks to ${change[0]} something in ${(productions[nearest.index]?.[0] ?? "production").trim()}`;
  }
  return undefined;
}

/** Offsets where each whitespace-separated word starts, ascending. */
function wordStarts(text: string): number[] {
  const starts: number[] = [];
  for (const word of text.matchAll(/\S+/g)) starts.push(word.index);
  return starts;
}

/** The number of the word containing (or following) `offset`, by binary search. */
function wordAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The production word closest to word number `at`. Production words come in text order, so
 * their word numbers ascend and a binary search finds the neighbours: linear-logarithmic in the
 * message however its change and production words are arranged.
 */
function nearestProduction(productionWords: readonly number[], at: number): { index: number; distance: number } {
  const next = lowerBound(productionWords, at);
  const candidates = [next - 1, next].filter((i) => i >= 0 && i < productionWords.length);
  let best = { index: -1, distance: Number.POSITIVE_INFINITY };
  for (const i of candidates) {
    const distance = Math.abs((productionWords[i] ?? 0) - at);
    if (distance < best.distance) best = { index: i, distance };
  }
  return best;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function isProductionRoute(route: Pick<Route, "sensitivity"> | undefined): boolean {
  return route?.sensitivity.includes("production") ?? false;
}

/**
 * Privileged principals and production hosts or fleets, named in text about a route that is not
 * production (the production vocabulary's names for targets, next to its words for the flag).
 */
const PRIVILEGED_OR_PRODUCTION = new RegExp(
  [
    String.raw`\b(?:root|admin|administrator|superuser|sudo|sudoers|domain\s+admin)\s+(?:principals?|users?|accounts?|logins?|access|role|certificates?)\b`,
    String.raw`\bprincipals?\b[^.\n]{0,30}\b(?:root|admin|administrator|superuser)\b`,
    String.raw`\b[a-z][a-z0-9]*-p\d{2,}[a-z0-9-]*\b`,
    String.raw`\b(?:customer|client|kunden|payment|billing)[\s-]+(?:fleet|hosts?|servers?|clusters?|nodes?)\b`,
  ].join("|"),
  "i",
);

export function privilegedOrProductionTarget(text: string): string | undefined {
  return PRIVILEGED_OR_PRODUCTION.exec(text)?.[0].slice(0, 60);
}
