import type { FileChange } from "../../domain/workspace.ts";
import { addedContentProblem } from "../added-content.ts";
import { secretIn } from "../findings.ts";
import type { WriteArea } from "../path-gate.ts";
import { checkWritePath } from "../path-gate.ts";
import type { Verdict } from "../verdict.ts";
import { downgrade } from "../verdict.ts";
import type { JudgeContext } from "./context.ts";

/**
 * What every proposed file must satisfy, in the order a reviewer would ask: the right place, a
 * bounded size, nothing added that route answers could not carry, no secret, and the whole
 * catalog still valid with it. Undefined: the file may become a pull request.
 */
export async function judgeFileChange(change: FileChange, area: WriteArea, ctx: JudgeContext): Promise<Verdict | undefined> {
  const path = checkWritePath(change.file, area);
  if (path) return path;
  const maxBytes = area === "catalog" ? ctx.settings.limits.catalog_file_bytes : ctx.settings.limits.playbook_bytes;
  const bytes = Buffer.byteLength(change.after, "utf8");
  if (bytes > maxBytes) return downgrade("size", "policy", `${change.file} would be ${bytes} bytes; the limit is ${maxBytes}`);
  const content = addedContentProblem(change.before, change.after, ctx.settings.replies.link_hosts);
  if (content) return downgrade("content", "policy", content);
  const secret = await secretIn(ctx.scanner, change.after, `${change.file} would contain a secret value`);
  if (secret) return downgrade("outbound-secret", "secret", secret);
  const problems = await ctx.workspace.validateWith(new Map([[change.file, change.after]]));
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join("; ");
    return downgrade("catalog-validate", "policy", `the catalog would not validate: ${shown}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ""}`);
  }
  return undefined;
}

/** The rendered pull request's title and body carry no secret either. */
export async function judgePullRequestText(title: string, body: string, ctx: Pick<JudgeContext, "scanner">): Promise<Verdict | undefined> {
  const secret = await secretIn(ctx.scanner, `${title}\n${body}`, "the pull request text would contain a secret value");
  return secret ? downgrade("outbound-secret", "secret", secret) : undefined;
}
