import type { Message } from "../../domain/message.ts";
import { echoProblem, echoedValue } from "../echo-gate.ts";
import { secretIn } from "../findings.ts";
import { repositoryWords } from "../outbound.ts";
import { checkReplyBody } from "../reply-gate.ts";
import { replyReadsAsAttack } from "../reply-content.ts";
import type { Verdict } from "../verdict.ts";
import { downgrade, pass } from "../verdict.ts";
import type { JudgeContext } from "./context.ts";

/**
 * reply: free text from the brain, so every check a reply can fail, in this order: it carries
 * the prompt or the message back (echo), it breaks the reply format (length, HTML, links,
 * @-mentions), it reads as an inbound attack would (reply-content.ts), it repeats a value of the message that is not a word (a lower-case secret no
 * rule knows is still a value), or the secret scan finds a value in it.
 */
export async function judgeReply(body: string, message: Pick<Message, "subject" | "body">, ctx: Pick<JudgeContext, "scanner" | "settings" | "catalog">): Promise<Verdict> {
  const echo = echoProblem(body, message);
  if (echo) return echo;
  const format = checkReplyBody(body, ctx.settings.replies);
  if (format) return format;
  const attack = replyReadsAsAttack(body, ctx.settings.replies.link_hosts);
  if (attack) return attack;
  if (echoedValue(body, message, repositoryWords(ctx.catalog))) return downgrade("outbound-secret", "secret", "the reply repeats a value from the message that is not a word");
  const secret = await secretIn(ctx.scanner, body, "the reply contains a secret value");
  return secret ? downgrade("outbound-secret", "secret", secret) : pass();
}
