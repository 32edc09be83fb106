import type { RelayDeps } from "./context.ts";
import { isOwnAuthor } from "../execute/own-work.ts";

/**
 * A comment the bot posts in answer to a comment (a refusal, a usage hint), at most once per
 * answered comment: a hidden marker names the comment it answers, so a redelivered webhook
 * finds its earlier answer instead of posting a second one.
 */
export async function answerOnce(issueNumber: number, answeredCommentId: number, text: string, deps: RelayDeps): Promise<void> {
  const marker = `<!-- ops-warden:answer comment=${answeredCommentId} -->`;
  const existing = await deps.forge.listComments(issueNumber);
  const already = existing.some((c) => c.body.includes(marker) && isOwnAuthor(c.author, deps.settings.botLogins));
  if (already) return;
  await deps.forge.comment(issueNumber, `${text}\n\n${marker}`);
}
