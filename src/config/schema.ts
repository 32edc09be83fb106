import { z } from "zod";
import { BRAIN_KINDS } from "../domain/brain-kinds.ts";

export { BRAIN_KINDS } from "../domain/brain-kinds.ts";
export type { BrainKind } from "../domain/brain-kinds.ts";

/**
 * `.github/ops-warden.yml`. Every object is strict: an unknown key is an error, not a silent
 * no-op, which is also what keeps the charter out of reach — there is no key that could carry a
 * system prompt, and a config that tries to add one is rejected before anything runs.
 */

export const ROLLOUT_MODES = ["dry-run", "manual", "scheduled"] as const;
export type RolloutMode = (typeof ROLLOUT_MODES)[number];

const hostname = z
  .string()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i, "must be a bare host name such as docs.example.com");

const label = z.string().min(1).max(50);

export const LimitsSchema = z
  .object({
    /** Messages planned per tick; the rest stay unread for the next tick. */
    messages_per_tick: z.number().int().min(1).max(1000).default(100),
    actions_per_message: z.number().int().min(1).max(20).default(8),
    pull_requests_per_tick: z.number().int().min(0).max(50).default(5),
    issues_per_tick: z.number().int().min(0).max(100).default(10),
    /** No new PR is opened while this many ops-warden PRs are open; the message waits, unread. */
    open_pull_requests_max: z.number().int().min(0).max(500).default(10),
    /** Model calls per tick (cache hits are free); a message over it is deferred and stays unread. */
    llm_calls_per_tick: z.number().int().min(0).max(1000).default(20),
    /** Size caps on what a proposal may write, in bytes. */
    catalog_file_bytes: z.number().int().min(1024).max(1_048_576).default(262_144),
    playbook_bytes: z.number().int().min(1024).max(1_048_576).default(65_536),
  })
  .strict();

export const RepliesSchema = z
  .object({
    max_chars: z.number().int().min(200).max(20_000).default(4000),
    /** Links in replies are allowed only to these hosts (and their subdomains). */
    link_hosts: z.array(hostname).default(["github.com"]),
  })
  .strict();

export const LabelsSchema = z
  .object({
    escalation: z.array(label).default(["ops-warden", "escalation"]),
    pull_request: z.array(label).default(["ops-warden"]),
  })
  .strict();

export const IssuesSchema = z
  .object({
    /**
     * Opt-in: escalation issues quote the message, keeping only lines that pass every secret
     * check and the credential-shaped-word check. Off by default: the issue names the message id
     * and a maintainer reads it on the hub (`warden hub show <id>`).
     */
    quote_message: z.boolean().default(false),
  })
  .strict();

/** The shortest pause between ticks of a looping worker: shorter floods the hub and the audit trail. */
export const MIN_INTERVAL_SECONDS = 5;
export const MAX_INTERVAL_SECONDS = 86_400;

export const WorkerSchema = z
  .object({
    interval_seconds: z.number().int().min(MIN_INTERVAL_SECONDS).max(MAX_INTERVAL_SECONDS).default(300),
    /**
     * Threads that screen and plan messages side by side (rule brain). 0 plans in the main
     * thread, with no per-message deadline.
     */
    plan_threads: z.number().int().min(0).max(16).default(2),
    /** A message not screened and planned within this is escalated as too costly to screen. */
    message_deadline_ms: z.number().int().min(1).max(60_000).default(1000),
    /**
     * Messages (subject and body) at least this large are planned on the threads; smaller ones
     * in the main thread, where every detector's linear cost keeps them far below the deadline
     * and no thread has to start. 0 sends every message to the threads.
     */
    thread_min_bytes: z.number().int().min(0).max(1_048_576).default(8192),
  })
  .strict();

export const LLM_PROVIDERS = ["llm-connect", "openai"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/**
 * Where a model brain's endpoint is and how it is called. There is no key for the prompt: the
 * charter is a constant in code. Credentials never live here, only in the environment.
 */
export const LlmSchema = z
  .object({
    provider: z.enum(LLM_PROVIDERS).default("llm-connect"),
    /** Base URL; the environment (LLM_CONNECT_URL, or WARDEN_LLM_BASE_URL for openai) wins. */
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    /** The model to ask for (openai provider; llm-connect picks its own). WARDEN_LLM_MODEL wins. */
    model: z.string().min(1).max(200).optional(),
    max_tokens: z.number().int().min(64).max(8192).default(1024),
    timeout_seconds: z.number().int().min(1).max(300).default(60),
    /** Attempts per call in total, for 429 and 5xx answers and timeouts. */
    max_attempts: z.number().int().min(1).max(5).default(3),
    /** How many candidate routes (top-k of the route index) the prompt carries. */
    candidate_routes: z.number().int().min(1).max(10).default(5),
    /** Keep model decisions under the state directory, so a re-run acts on the same decision. */
    cache: z.boolean().default(true),
  })
  .strict();
export type LlmConfig = z.infer<typeof LlmSchema>;

export const AuditConfigSchema = z
  .object({
    /** The audit file in use starts a new one past this size; the hash chain continues across files. */
    max_file_bytes: z.number().int().min(65_536).max(1_073_741_824).default(16_777_216),
  })
  .strict();

export const RolloutSchema = z
  .object({
    /** `warden rollout check` needs this many clean dry-run ticks before `scheduled`. */
    check_ticks: z.number().int().min(1).max(1000).default(5),
  })
  .strict();

const botLogin = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\[bot\]$/, "must be a bot account such as ops-warden[bot]");

export const RelaySchema = z
  .object({
    /**
     * The accounts whose pull requests and issues are ops-warden's own: the App's `<slug>[bot]`,
     * plus `github-actions[bot]` when the tick runs on the workflow's GITHUB_TOKEN. A marker in
     * a body written by anyone else is forged and ignored.
     */
    bot_logins: z.array(botLogin).min(1).default(["ops-warden[bot]"]),
    /** Cap on a maintainer's comment quoted into a relay to the requester. */
    quote_max_chars: z.number().int().min(100).max(4000).default(1500),
  })
  .strict();

export const GitHubSchema = z
  .object({
    /** `owner/name`; GITHUB_REPOSITORY, when set, wins (as GitHub Actions sets it). */
    repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be owner/name").optional(),
    /** The identity of the bot's commits. */
    bot_name: z.string().min(1).max(100).default("ops-warden[bot]"),
    bot_email: z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, "must be an e-mail address").default("ops-warden[bot]@users.noreply.github.com"),
  })
  .strict();

export const ConfigSchema = z
  .object({
    /** Absent: `cascade` when a model endpoint is configured, `rule` otherwise. */
    brain: z.enum(BRAIN_KINDS).optional(),
    mode: z.enum(ROLLOUT_MODES).default("dry-run"),
    limits: LimitsSchema.default(LimitsSchema.parse({})),
    replies: RepliesSchema.default(RepliesSchema.parse({})),
    labels: LabelsSchema.default(LabelsSchema.parse({})),
    issues: IssuesSchema.default(IssuesSchema.parse({})),
    worker: WorkerSchema.default(WorkerSchema.parse({})),
    llm: LlmSchema.default(LlmSchema.parse({})),
    relay: RelaySchema.default(RelaySchema.parse({})),
    github: GitHubSchema.default(GitHubSchema.parse({})),
    audit: AuditConfigSchema.default(AuditConfigSchema.parse({})),
    rollout: RolloutSchema.default(RolloutSchema.parse({})),
  })
  .strict();

export type WardenConfig = z.infer<typeof ConfigSchema>;

export const DEFAULT_CONFIG: WardenConfig = ConfigSchema.parse({});
