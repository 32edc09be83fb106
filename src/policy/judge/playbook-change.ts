import type { PlaybookChange } from "../../domain/action.ts";
import type { FileChange } from "../../domain/workspace.ts";
import { checkWritePath } from "../path-gate.ts";
import { parsePlaybook } from "../../catalog/playbook.ts";
import { playbookServesProduction } from "../charter-invariants.ts";
import type { Judged } from "../verdict.ts";
import { downgrade, pass } from "../verdict.ts";
import type { JudgeContext } from "./context.ts";
import { judgeFileChange } from "./file-change.ts";

/** propose_playbook_change: only `playbooks/<slug>.md`, within size, valid front matter, no secret. */
export async function judgePlaybookChange(action: PlaybookChange, ctx: JudgeContext): Promise<Judged<FileChange>> {
  const path = checkWritePath(action.path, "playbooks");
  if (path) return { verdict: path };
  // Served means pointed to by a production route or claiming one in its own front matter.
  const served = playbookServesProduction(action.path, parsePlaybook(action.path, action.content).playbook?.value.meta.routes ?? [], ctx.catalog);
  if (served) {
    return { verdict: downgrade("production", "production", `${action.path} serves the production route "${served.id}": production procedures change through a human`) };
  }
  const change: FileChange = { file: action.path, before: ctx.workspace.fileText(action.path) ?? "", after: action.content };
  if (change.before === change.after) return { verdict: downgrade("no-action", "ambiguous", `the proposed content of ${action.path} is identical to the current file`) };
  const refused = await judgeFileChange(change, "playbooks", ctx);
  return refused ? { verdict: refused } : { verdict: pass(), checked: change };
}
