import { z } from "zod";
import { PayloadError } from "../../domain/errors.ts";

/**
 * The few webhook payload fields the relays read, validated with zod (ARCHITECTURE §6: compiling
 * GitHub's full webhook schemas costs seconds per event). Every field is untrusted input.
 */
const User = z.object({ login: z.string().min(1).max(100), type: z.string().max(50) });
const Repository = z.object({ full_name: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name") });
const body = z.string().max(262_144).nullable();
const closedAt = z.iso.datetime({ offset: true });

export const PullRequestClosedSchema = z.object({
  action: z.literal("closed"),
  repository: Repository,
  sender: User,
  pull_request: z.object({
    number: z.number().int().positive(),
    html_url: z.url(),
    body,
    user: User,
    merged: z.boolean(),
    closed_at: closedAt,
    head: z.object({ ref: z.string().min(1) }),
  }),
});
export type PullRequestClosed = z.infer<typeof PullRequestClosedSchema>;

const Issue = z.object({
  number: z.number().int().positive(),
  html_url: z.url(),
  body,
  user: User,
  /** Present on issues that are pull requests: comments on PRs arrive as issue comments too. */
  pull_request: z.unknown().optional(),
});

export const IssueClosedSchema = z.object({
  action: z.literal("closed"),
  repository: Repository,
  sender: User,
  issue: Issue.extend({ closed_at: closedAt, state_reason: z.string().max(50).nullable().optional() }),
});
export type IssueClosed = z.infer<typeof IssueClosedSchema>;

export const CommentCreatedSchema = z.object({
  action: z.literal("created"),
  repository: Repository,
  sender: User,
  issue: Issue,
  comment: z.object({ id: z.number().int().positive(), html_url: z.url(), body: z.string().max(65_536), user: User }),
});
export type CommentCreated = z.infer<typeof CommentCreatedSchema>;

/** Validates `payload` or throws a PayloadError naming the event, the field path and the problem. */
export function parsePayload<T>(event: string, schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(payload)"}: ${issue.message}`);
  throw new PayloadError(`malformed ${event} payload: ${problems.join("; ")}`);
}
