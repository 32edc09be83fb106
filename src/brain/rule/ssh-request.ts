import type { BrainProposal } from "../../domain/action.ts";
import { escalate } from "../../domain/action.ts";
import type { Route } from "../../domain/catalog.ts";
import type { Message } from "../../domain/message.ts";
import { formatDuration, parseDuration, PRINCIPAL } from "../../domain/ssh.ts";
import { findPublicKeyLines, messageKey } from "../../policy/ssh-keys.ts";
import type { BrainContext } from "../brain.ts";

/**
 * A message carrying an OpenSSH public key is a certificate request when it names an SSH
 * certificate route: by its id (`Re: route ssh-build-hosts`, the subject of ops-warden's own
 * answer, so a reply in that thread names it), by being a follow-up in a thread where
 * ops-warden answered that route, or by the route index on its words. The principal and TTL
 * the message names are proposed as named, even when outside the policy: the judge refuses
 * those, and this brain never widens or silently narrows a request.
 * Undefined: no public key, so not this brain's SSH case.
 */
export function planSshRequest(message: Message, context: BrainContext): BrainProposal | undefined {
  if (findPublicKeyLines(message.body).length === 0) return undefined;
  const found = messageKey(message.body);
  if ("problem" in found) return done([escalate("policy", found.problem)], "an SSH key request without exactly one usable key", 0.8);
  const words = withoutKeys(`${message.subject}\n${message.body}`);
  const route = namedRoute(words, context) ?? threadRoute(message, context) ?? indexedRoute(words, context);
  if (!route?.ssh) {
    return done([escalate("ambiguous", "the message carries a public key but names no SSH certificate route; ask which route first, then reply in that thread with the key")], "public key without an SSH route", 0.5);
  }
  const principal = namedPrincipal(words, route) ?? route.ssh.default_principal ?? route.ssh.principals[0];
  const ttl = namedTtl(words) ?? route.ssh.max_ttl;
  const action = { kind: "issue_ssh_certificate", route_id: route.id, principals: [principal], ttl, key_fingerprint: found.key.fingerprint };
  return done([action], `certificate request for ${route.id}`, 0.9);
}

function issueRoutes(context: BrainContext): Route[] {
  return context.catalog.routes.filter((r) => r.lane === "issue" && r.status === "active");
}

function namedRoute(text: string, context: BrainContext): Route | undefined {
  const lower = text.toLowerCase();
  const named = issueRoutes(context).filter((r) => new RegExp(`(?<![a-z0-9-])${r.id}(?![a-z0-9-])`).test(lower));
  return named.length === 1 ? named[0] : undefined;
}

function threadRoute(message: Message, context: BrainContext): Route | undefined {
  const id = context.earlierRoute?.(message);
  return id ? issueRoutes(context).find((r) => r.id === id) : undefined;
}

/**
 * A message carrying a key is about the SSH lane, so only certificate routes compete: the best of
 * them wins when it matches at all and is clearly ahead of the next one (build vs production).
 */
const INDEXED = { minScore: 0.25, lead: 0.1 } as const;

function indexedRoute(text: string, context: BrainContext): Route | undefined {
  const answer = context.index.lookup(text, { top: 8 });
  const [first, second] = answer.matches.filter((m) => m.route.lane === "issue" && m.route.status === "active");
  if (!first || first.score < INDEXED.minScore) return undefined;
  return !second || first.score - second.score >= INDEXED.lead ? first.route : undefined;
}

/** "principal: deploy-ci", "as user ops", "login builder"; else an allowed principal named as a word. */
function namedPrincipal(text: string, route: Route & { ssh?: Route["ssh"] }): string | undefined {
  const labelled = /\b(?:principals?\s*[:=]?|as\s+user|login\s+as|username\s*[:=]?|user\s*[:=])\s*[`"']?([A-Za-z_][A-Za-z0-9_.-]{0,40})/i.exec(text);
  const label = labelled?.[1];
  if (label && !["a", "an", "the", "my", "for", "to", "is", "you", "need", "i"].includes(label.toLowerCase())) return PRINCIPAL.test(label) ? label : label.slice(0, 40);
  const words = new Set(text.toLowerCase().split(/[^a-z0-9_-]+/));
  return route.ssh?.principals.find((p) => words.has(p));
}

/** "ttl 4h", "for 2h", "valid for 30m", "lifetime: 1h". */
function namedTtl(text: string): string | undefined {
  const m = /\b(?:ttl|for|valid\s+for|lifetime)\s*[:=]?\s*(\d{1,6})\s*(s|m|h|d)\b/i.exec(text);
  if (!m) return undefined;
  const seconds = parseDuration(`${m[1]}${(m[2] as string).toLowerCase()}`);
  return seconds === undefined ? undefined : formatDuration(seconds);
}

function withoutKeys(text: string): string {
  let out = text;
  for (const line of findPublicKeyLines(text)) out = out.split(line).join(" ");
  return out;
}

function done(actions: unknown[], rationale: string, confidence: number): BrainProposal {
  return { actions: [...actions, { kind: "mark_read" }], rationale, confidence };
}
