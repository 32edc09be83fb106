import type { PlaybookChange } from "../../domain/action.ts";
import type { FileChange } from "../../domain/workspace.ts";
import { checkWritePath } from "../path-gate.ts";
import { parsePlaybook } from "../../catalog/playbook.ts";
import { playbookAuthorityProblem, playbookCharterProblem, playbookServesProduction } from "../charter-invariants.ts";
import type { Judged } from "../verdict.ts";
import { downgrade, pass } from "../verdict.ts";
import type { JudgeContext } from "./context.ts";
import { judgeFileChange } from "./file-change.ts";

/**
 * propose_playbook_change: only `playbooks/<slug>.md`, within size, valid front matter, no
 * secret, not serving production, keeping the charter on its front matter (owner and lane), and
 * from the owner agent of every route it serves.
 */
export async function judgePlaybookChange(action: PlaybookChange, ctx: JudgeContext, sender: string): Promise<Judged<FileChange>> {
  const path = checkWritePath(action.path, "playbooks");
  if (path) return { verdict: path };
  // Served means pointed to by a production route or claiming one in its own front matter.
  const claimed = parsePlaybook(action.path, action.content).playbook?.value.meta.routes ?? [];
  const served = playbookServesProduction(action.path, claimed, ctx.catalog);
  if (served) {
    return { verdict: downgrade("production", "production", `${action.path} serves the production route "${served.id}": production procedures change through a human`) };
  }
  const change: FileChange = { file: action.path, before: ctx.workspace.fileText(action.path) ?? "", after: action.content };
  if (change.before === change.after) return { verdict: downgrade("no-action", "ambiguous", `the proposed content of ${action.path} is identical to the current file`) };
  const refused = await judgeFileChange(change, "playbooks", ctx);
  if (refused) return { verdict: refused };
  // A valid change still needs the charter's consent and the authority of the owners whose answers it changes.
  const beforeMeta = change.before ? parsePlaybook(action.path, change.before).playbook?.value.meta : undefined;
  const afterMeta = parsePlaybook(action.path, action.content).playbook?.value.meta;
  const charter = afterMeta ? playbookCharterProblem(action.path, beforeMeta, afterMeta, ctx.catalog) : undefined;
  if (charter) return { verdict: downgrade(charter.rule, charter.category, charter.reason) };
  const before = beforeMeta?.routes ?? [];
  const authority = playbookAuthorityProblem(action.path, [...new Set([...before, ...claimed])], sender, ctx.catalog);
  return authority ? { verdict: downgrade(authority.rule, authority.category, authority.reason) } : { verdict: pass(), checked: change };
}
