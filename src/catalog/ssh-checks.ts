import type { Route } from "../domain/catalog.ts";
import { parseDuration } from "../domain/ssh.ts";
import type { Located } from "./parse-files.ts";
import type { CatalogProblem, PathSegment } from "./problems.ts";
import { error, formatPath, warning } from "./problems.ts";

/** Longest certificate lifetime any route may allow: a day; longer needs a different mechanism. */
export const MAX_ROUTE_TTL_SECONDS = 86_400;

/** Principals that mean "everything on the host": signed only on a production route, behind approval. */
const PRIVILEGED = new Set(["root", "admin", "administrator", "toor"]);

/**
 * The SSH lane's policy (docs/ssh.md): an active `lane: issue` route without an `ssh:` block is
 * warned about (nothing is signed for it), and only `lane: issue` routes may carry one; a production route is signed only after a maintainer approves; principals are
 * plain user names, `root` only on a production route; the default is one of the principals.
 */
export function sshPolicyChecks(routes: readonly Located<Route>[]): CatalogProblem[] {
  return routes.flatMap(checkRoute);
}

function checkRoute(entry: Located<Route>): CatalogProblem[] {
  const route = entry.value;
  const at = (...field: PathSegment[]) => where(entry, ...field);
  const ssh = route.ssh;
  if (route.lane !== "issue") {
    return ssh ? [error(entry.file, `route ${route.id} has an ssh: block but lane ${route.lane}; only lane: issue routes issue certificates`, at("ssh"))] : [];
  }
  // A warning, not an error: the judge signs nothing for a route without a policy, and a new
  // route proposed through the worker never carries one (only maintainers write ssh: blocks).
  // A draft or retired route is not served, so it is not flagged.
  if (!ssh) return route.status === "active" ? [warning(entry.file, `route ${route.id} is an active lane: issue route without an ssh: block (principals, max_ttl, role, approval): ops-warden signs nothing for it until a maintainer adds one; see docs/ssh.md`, at("lane"))] : [];
  const problems: CatalogProblem[] = [];
  const production = route.sensitivity.includes("production");
  if (production && ssh.approval !== "maintainer") problems.push(error(entry.file, `route ${route.id} is production: its ssh.approval must be maintainer`, at("ssh", "approval")));
  ssh.principals.forEach((p, i) => {
    if (PRIVILEGED.has(p) && !production) problems.push(error(entry.file, `principal "${p}" is allowed only on a production route (with approval: maintainer)`, at("ssh", "principals", i)));
  });
  if (new Set(ssh.principals).size !== ssh.principals.length) problems.push(error(entry.file, "ssh.principals names a principal twice", at("ssh", "principals")));
  if (ssh.default_principal && !ssh.principals.includes(ssh.default_principal)) {
    problems.push(error(entry.file, `ssh.default_principal "${ssh.default_principal}" is not one of ssh.principals (${ssh.principals.join(", ")})`, at("ssh", "default_principal")));
  }
  if ((parseDuration(ssh.max_ttl) ?? Infinity) > MAX_ROUTE_TTL_SECONDS) problems.push(error(entry.file, `ssh.max_ttl ${ssh.max_ttl} is longer than 24h`, at("ssh", "max_ttl")));
  return problems;
}

function where(entry: Located<unknown>, ...field: PathSegment[]): { line?: number; path: string } {
  const path = [...entry.path, ...field];
  const line = entry.source.lineOf(path);
  return line === undefined ? { path: formatPath(path) } : { line, path: formatPath(path) };
}
