import type { BrainProposal } from "../../domain/action.ts";
import { escalate } from "../../domain/action.ts";
import type { BrainContext } from "../brain.ts";
import { addedContentProblem, stringsOf } from "../../policy/added-content.ts";
import type { ChangeRequest } from "./change-request.ts";

/** Turns a parsed change request into the typed proposal; the guardrails check the result. */
export function planChangeRequest(request: ChangeRequest, context: BrainContext): BrainProposal {
  switch (request.op) {
    case "add":
    case "update": {
      const before = stringsOf(context.index.get(String(request.entry.id ?? "")) ?? {});
      const problem = addedContentProblem(request.op === "update" ? before : "", stringsOf(request.entry), context.linkHosts ?? []);
      if (problem) return proposal(escalate("policy", problem), "change adds links or markup");
      return proposal({ kind: "propose_catalog_change", op: request.op, entry: request.entry, rationale: request.rationale }, `${request.op} a catalog route`);
    }
    case "retire":
      return proposal({ kind: "propose_catalog_change", op: "retire", route_id: request.route_id, rationale: request.rationale }, "retire a catalog route");
    case "playbook":
      return playbookProposal(request, context);
  }
}

function playbookProposal(request: Extract<ChangeRequest, { op: "playbook" }>, context: BrainContext): BrainProposal {
  const current = context.fileText(request.path);
  const content = request.content ?? correctedContent(request, current);
  if (typeof content !== "string") return content;
  const problem = addedContentProblem(current ?? "", content, context.linkHosts ?? []);
  if (problem) return proposal(escalate("policy", problem), "change adds links or markup");
  return proposal({ kind: "propose_playbook_change", path: request.path, content, rationale: request.rationale }, request.content !== undefined ? "replace a playbook" : "correct a playbook");
}

/** The playbook with the one requested find → replace applied, or the escalation why it cannot be. */
function correctedContent(request: Extract<ChangeRequest, { op: "playbook" }>, current: string | undefined): string | BrainProposal {
  if (current === undefined) return proposal(escalate("ambiguous", `there is no playbook at ${printable(request.path)}`), "unknown playbook");
  const find = request.find ?? "";
  const first = current.indexOf(find);
  if (first < 0) return proposal(escalate("ambiguous", `the text to replace was not found in ${request.path}`), "correction does not apply");
  if (current.indexOf(find, first + 1) >= 0) {
    return proposal(escalate("ambiguous", `the text to replace occurs more than once in ${request.path}`), "correction is ambiguous");
  }
  return current.slice(0, first) + (request.replace ?? "") + current.slice(first + find.length);
}

function proposal(action: unknown, rationale: string): BrainProposal {
  return { actions: [action, { kind: "mark_read" }], rationale, confidence: 0.9 };
}

function printable(path: string): string {
  return JSON.stringify(path.slice(0, 100));
}
