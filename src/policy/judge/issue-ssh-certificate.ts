import type { IssueSshCertificate } from "../../domain/action.ts";
import type { Catalog, Route } from "../../domain/catalog.ts";
import type { SshApproval, SshPolicy, SshPublicKeyInfo } from "../../domain/ssh.ts";
import { formatDuration, parseDuration } from "../../domain/ssh.ts";
import type { MessageKey } from "../ssh-keys.ts";
import { keyStrengthProblem } from "../ssh-keys.ts";
import type { Judged, Verdict } from "../verdict.ts";
import { downgrade, pass } from "../verdict.ts";

/** What a certificate for this request may be: every field from the catalog or checked against it. */
export interface SshGrant {
  route: Route & { ssh: SshPolicy };
  principals: string[];
  ttlSeconds: number;
  key: SshPublicKeyInfo;
  approval: SshApproval;
}

/** What the judge checks a proposal against: the key the message itself carries, and who sent it. */
export interface SshRequestFacts {
  messageKey: MessageKey;
  /** The hub agent asking; undefined for `warden sign`, whose operator already holds the signing token. */
  sender: string | undefined;
}

/**
 * `issue_ssh_certificate`. Any brain may propose it, so every field is checked against the
 * message and the catalog: the route is a live `lane: issue` route with an `ssh:` policy; the
 * fingerprint is that of the one public key the message carries, and the key is strong enough;
 * the principals are a subset of the policy's (never widened); the TTL is within `max_ttl`; the
 * sender may ask. Production routes (`approval: maintainer`) are allowed only as an approval
 * request: nothing is signed until a maintainer approves.
 */
export function judgeIssueSshCertificate(action: IssueSshCertificate, facts: SshRequestFacts, catalog: Catalog): Judged<SshGrant> {
  const route = catalog.routes.find((r) => r.id === action.route_id);
  if (!route) return refuse(downgrade("route-unknown", "ambiguous", `no route "${action.route_id}" in the catalog`));
  if (route.status !== "active") return refuse(downgrade("route-retired", "ambiguous", `route ${route.id} is ${route.status}, not active`));
  const ssh = route.ssh;
  if (route.lane !== "issue" || !ssh) return refuse(policy(`route ${route.id} is not an SSH certificate route (lane issue with an ssh: policy); ops-warden signs only for those`));
  if ("problem" in facts.messageKey) return refuse(policy(facts.messageKey.problem));
  const key = facts.messageKey.key;
  if (action.key_fingerprint !== key.fingerprint) return refuse(policy("the proposed key fingerprint is not the fingerprint of the public key in the message"));
  const weak = keyStrengthProblem(key);
  if (weak) return refuse(policy(weak));
  const principals = checkPrincipals(action.principals, ssh);
  if (typeof principals === "string") return refuse(policy(principals));
  const ttlSeconds = checkTtl(action.ttl, ssh);
  if (typeof ttlSeconds === "string") return refuse(policy(ttlSeconds));
  if (ssh.requesters && facts.sender !== undefined && !ssh.requesters.includes(facts.sender)) {
    return refuse(policy(`the sender may not ask for route ${route.id}: its ssh.requesters are ${ssh.requesters.join(", ")} (a maintainer changes that in catalog/)`));
  }
  const grant: SshGrant = { route: { ...route, ssh }, principals, ttlSeconds, key, approval: ssh.approval };
  const reason =
    ssh.approval === "maintainer"
      ? `route ${route.id} needs a maintainer's approval: an approval request is opened, nothing is signed before /warden approve`
      : `sign ${key.fingerprint} for ${principals.join(",")}, ${formatDuration(ttlSeconds)}`;
  return { verdict: pass(reason), checked: grant };
}

function checkPrincipals(asked: readonly string[], ssh: SshPolicy): string[] | string {
  const allowed = ssh.principals.join(", ");
  const outside = asked.filter((p) => !ssh.principals.includes(p));
  if (outside.length > 0) return `principal(s) outside the route's policy are never signed (${outside.length} asked); allowed: ${allowed}`;
  if (new Set(asked).size !== asked.length) return "a principal is named twice";
  return [...asked];
}

function checkTtl(ttl: string, ssh: SshPolicy): number | string {
  const seconds = parseDuration(ttl);
  const max = parseDuration(ssh.max_ttl) ?? 0;
  if (seconds === undefined) return `the TTL is not a duration such as 30m or 8h; at most ${ssh.max_ttl}`;
  if (seconds > max) return `a TTL of ${formatDuration(seconds)} is longer than the route allows; at most ${ssh.max_ttl}`;
  return seconds;
}

function policy(reason: string): Verdict {
  return downgrade("ssh-policy", "policy", reason);
}

function refuse(verdict: Verdict): Judged<SshGrant> {
  return { verdict };
}
