import { parse as parseYaml } from "yaml";
import { describeIssues } from "../../domain/yaml-problems.ts";
import { z } from "zod";
import { findChangeBlocks } from "./change-blocks.ts";

/**
 * The structured form people and agents use to ask for a catalog or playbook change:
 *
 *     ```warden-change
 *     op: add | update | retire | playbook
 *     rationale: why
 *     entry: { ...a full catalog route... }     # add, update
 *     route_id: some-route                      # retire
 *     path: playbooks/x.md                      # playbook
 *     find: "exact text"  replace: "new text"   # playbook correction (or `content:` for all of it)
 *     ```
 *
 * Parsing only checks the request's own shape; the route entry and paths are checked by the
 * guardrails like any other brain output.
 */

const rationale = z.string().trim().min(1, "a rationale is required");

export const ChangeRequestSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), rationale, entry: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ op: z.literal("update"), rationale, entry: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ op: z.literal("retire"), rationale, route_id: z.string().min(1) }).strict(),
  z
    .object({
      op: z.literal("playbook"),
      rationale,
      path: z.string().min(1),
      find: z.string().min(1).optional(),
      replace: z.string().optional(),
      content: z.string().min(1).optional(),
    })
    .strict()
    .refine((r) => (r.content !== undefined) !== (r.find !== undefined && r.replace !== undefined), {
      message: "give either find + replace, or content",
    }),
]);
export type ChangeRequest = z.infer<typeof ChangeRequestSchema>;

export type ParsedChangeRequest =
  | { found: false }
  | { found: true; request: ChangeRequest; rest: string }
  | { found: true; error: string }
  | { found: true; ambiguous: string };

/**
 * The sender's own change request: exactly one `warden-change` block at the top level of the
 * message (change-blocks.ts). Blocks quoted, folded away, commented out or forwarded are text;
 * two top-level blocks are ambiguous. `rest` is the message without the block, still to answer.
 */
export function parseChangeRequest(body: string, subject = ""): ParsedChangeRequest {
  // A block counts only when its fence says `warden-change` (in any case): most messages hold
  // no such word, and their lines need not be walked.
  if (!/warden-change/i.test(body)) return { found: false };
  const blocks = findChangeBlocks(body, subject);
  if (blocks.topLevel.length === 0) return { found: false };
  if (blocks.topLevel.length > 1) return { found: true, ambiguous: `the message holds ${blocks.topLevel.length} warden-change blocks; one request per message` };
  const block = blocks.topLevel[0] ?? "";
  // No request needs deep nesting, and a parser's cost grows with it: refused before parsing.
  if (flowDepth(block) > MAX_FLOW_DEPTH) return { found: true, error: `the warden-change block nests brackets deeper than ${MAX_FLOW_DEPTH} levels` };
  let raw: unknown;
  try {
    raw = parseYaml(block, { maxAliasCount: 10 });
  } catch (error) {
    return { found: true, error: `the warden-change block is not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
  const parsed = ChangeRequestSchema.safeParse(raw);
  if (parsed.success) return { found: true, request: parsed.data, rest: blocks.rest };
  return { found: true, error: `the warden-change block is invalid at ${describeIssues(parsed.error.issues, { max: 1, root: "(block)" })}` };
}

const MAX_FLOW_DEPTH = 16;

/** The deepest nesting of `[` and `{` in the text (quotes are not read: over-counting only refuses). */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return deepest;
}
