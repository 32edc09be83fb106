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
  /\b(?:production|prod|prd)\b|\blive\s+(?:[a-z0-9-]+\s+){0,2}?(?:env(?:ironment)?s?|clusters?|systems?|hosts?|servers?|databases?|dbs?|traffic|sites?|stacks?|data|nodes?|fleet|bastions?)\b|\b(?:in|on|to|into)\s+live\b/g;

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
];
const STATEMENT_LEAD = String.raw`(?<!\b(?:we|i|they|he|she|it|that|which|who|was|were|been|be|being|has|have|had|is|are|am|'re|'ve|just|already|recently|currently|still|also)\s)`;
const CHANGE = new RegExp(
  `\\b(?:${VERBS.map(([base]) => base).join("|")}|changes|updates)\\b|${STATEMENT_LEAD}\\b(?:${VERBS.map(([, inflected]) => inflected).join("|")})\\b`,
  "g",
);
/** A change word used as a noun: the deploy pipeline, deploy-bot, a set of hosts, at scale. */
const NOUN_AFTER: Readonly<Record<string, RegExp>> = {
  deploy: /^[\s-]*(?:pipelines?|jobs?|bots?|api|keys?|workflows?|hosts?|roles?|tools?|tooling|steps?|scripts?|systems?|runners?|targets?|tokens?|users?|accounts?|services?|agents?|windows?|freeze|process)\b/,
  set: /^\s+of\b/,
  scale: /^\s+(?:of|in|on)\b/,
};

/** A question about how something works or who owns it, asked by the sender for themselves. */
const ROUTING_QUESTION =
  /^\s*(?:(?:how|where|who|whom|which|what|when|why)\b[^?]*\b(?:do|does|did|can|could|should|would|is|are|was|were)\s+(?:i|we|they|one|people|teams?|my|our|their)\b|who\s+(?:owns|handles|approves|decides|is\s+responsible)|(?:which|what)\s+(?:route|lane|team|owner|system|process|procedure|playbook)\b)[^?]*\?/i;

/** Change word and production word at most this many words apart count as one request. */
const NEAR_WORDS = 10;

export function mentionsProductionChange(normalizedText: string): string | undefined {
  for (const sentence of normalizedText.toLowerCase().split(/(?<=[.!?])\s+|\n+/)) {
    if (ROUTING_QUESTION.test(sentence)) continue;
    const hit = changeNearProduction(sentence);
    if (hit) return `asks to ${hit.change} something in ${hit.production}`;
  }
  return undefined;
}

function changeNearProduction(sentence: string): { change: string; production: string } | undefined {
  const productions = [...sentence.matchAll(PRODUCTION)];
  if (productions.length === 0) return undefined;
  for (const change of sentence.matchAll(CHANGE)) {
    if (NOUN_AFTER[change[0]]?.test(sentence.slice(change.index + change[0].length))) continue;
    for (const production of productions) {
      const [from, to] = change.index < production.index ? [change.index, production.index] : [production.index, change.index];
      if (wordsBetween(sentence.slice(from, to)) <= NEAR_WORDS) return { change: change[0], production: production[0].trim() };
    }
  }
  return undefined;
}

function wordsBetween(span: string): number {
  return span.split(/\s+/).filter(Boolean).length - 1;
}

export function isProductionRoute(route: Pick<Route, "sensitivity"> | undefined): boolean {
  return route?.sensitivity.includes("production") ?? false;
}
