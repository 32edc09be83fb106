import { secretIn } from "../findings.ts";
import { checkReplyBody } from "../reply-gate.ts";
import type { Verdict } from "../verdict.ts";
import { downgrade, pass } from "../verdict.ts";
import type { JudgeContext } from "./context.ts";

/** reply: free text from the brain, so it passes the reply format rules and the secret scan. */
export async function judgeReply(body: string, ctx: Pick<JudgeContext, "scanner" | "settings">): Promise<Verdict> {
  const format = checkReplyBody(body, ctx.settings.replies);
  if (format) return format;
  const secret = await secretIn(ctx.scanner, body, "the reply contains a secret value");
  return secret ? downgrade("outbound-secret", "secret", secret) : pass();
}
