import type { ForgeComment } from "../../domain/forge.ts";
import { MAINTAINER_LEVELS } from "../../domain/forge.ts";
import type { RelayDeps } from "./context.ts";

/** Asked of the API every time: the payload's author_association is not proof of permission. */
export async function isMaintainer(login: string, deps: Pick<RelayDeps, "forge">): Promise<boolean> {
  return MAINTAINER_LEVELS.includes(await deps.forge.permissionLevel(login));
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
