import type { CatalogChange } from "../../domain/action.ts";
import { WardenError } from "../../domain/errors.ts";
import type { CatalogEdit, FileChange } from "../../domain/workspace.ts";
import { charterProblem } from "../charter-invariants.ts";
import { entryContentProblem, entryGrammarProblem } from "../entry-content.ts";
import { isProductionRoute } from "../production-gate.ts";
import type { Judged } from "../verdict.ts";
import { downgrade, pass } from "../verdict.ts";
import type { JudgeContext } from "./context.ts";
import { judgeFileChange } from "./file-change.ts";

/**
 * propose_catalog_change: code applies the typed edit to the YAML, and the result must stay in
 * catalog/, within size, validate as a whole catalog, and carry no secret; its values keep the
 * text grammar, and the change keeps the charter's invariants and comes from the route's owner
 * agent (`sender`, authenticated by the hub). Production routes change through a human.
 * Allowed → the file change to propose.
 */
export async function judgeCatalogChange(action: CatalogChange, ctx: JudgeContext, sender: string): Promise<Judged<FileChange>> {
  const routeId = action.op === "retire" ? action.route_id : action.entry.id;
  const existing = ctx.index.get(routeId);
  if (isProductionRoute(existing) || (action.op !== "retire" && isProductionRoute(action.entry))) {
    return { verdict: downgrade("production", "production", `route "${routeId}" is flagged production: production routes change through a human`) };
  }
  if (action.op !== "retire") {
    // Checked on the values, not the YAML: YAML may fold a long value across lines mid-URL.
    const problem = entryContentProblem(existing, action.entry, ctx.settings.replies.link_hosts) ?? entryGrammarProblem(existing, action.entry, ctx.settings.replies.link_hosts);
    if (problem) return { verdict: problem };
  }
  const edit: CatalogEdit = action.op === "retire" ? { op: "retire", route_id: routeId } : { op: action.op, entry: action.entry };
  let change: FileChange;
  try {
    change = ctx.workspace.applyEdit(edit);
  } catch (error) {
    if (error instanceof WardenError) return { verdict: downgrade("catalog-validate", "policy", error.message) };
    throw error;
  }
  const refused = await judgeFileChange(change, "catalog", ctx);
  if (refused) return { verdict: refused };
  // A valid change still needs the charter's consent and its owner's authority.
  const charter = charterProblem(action.op === "retire" ? { op: "retire", route_id: routeId } : { op: action.op, entry: action.entry }, existing, sender, ctx.catalog);
  if (charter) return { verdict: downgrade(charter.rule, charter.category, charter.reason) };
  return { verdict: pass(), checked: change };
}
