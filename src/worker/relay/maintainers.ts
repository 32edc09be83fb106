import type { ForgeComment } from "../../domain/forge.ts";
import { MAINTAINER_LEVELS } from "../../domain/forge.ts";
import type { RelayDeps } from "./context.ts";

/** Answers per forge (one per webhook event, one per tick): each login is asked of the API once. */
const asked = new WeakMap<object, Map<string, Promise<boolean>>>();

/** Asked of the API: the payload's author_association is not proof of permission. */
export function isMaintainer(login: string, deps: Pick<RelayDeps, "forge">): Promise<boolean> {
  const known = asked.get(deps.forge) ?? new Map<string, Promise<boolean>>();
  asked.set(deps.forge, known);
  const key = login.toLowerCase();
  let answer = known.get(key);
  if (!answer) {
    answer = deps.forge.permissionLevel(login).then((level) => MAINTAINER_LEVELS.includes(level));
    answer.catch(() => known.delete(key));
    known.set(key, answer);
  }
  return answer;
}

/**
 * The newest comment by a person with write, maintain or admin permission: the maintainers'
 * last word on a PR or issue. Bots are skipped; at most `maxChecks` authors are looked up, so a
 * long thread of outside comments costs a bounded number of calls.
 */
export async function lastMaintainerComment(issueNumber: number, deps: Pick<RelayDeps, "forge">, maxChecks = 5): Promise<ForgeComment | undefined> {
  const comments = await deps.forge.listComments(issueNumber);
  const judged = new Map<string, boolean>();
  for (const comment of [...comments].reverse()) {
    if (comment.author.bot || comment.body.trim() === "") continue;
    const login = comment.author.login.toLowerCase();
    if (!judged.has(login)) {
      if (judged.size >= maxChecks) return undefined;
      judged.set(login, await isMaintainer(comment.author.login, deps));
    }
    if (judged.get(login)) return comment;
  }
  return undefined;
}
