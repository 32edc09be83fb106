import { z } from "zod";
import { SshPolicySchema } from "./ssh.ts";

/**
 * The catalog model: routes (who owns a credential need, and how to get it), owners (the
 * subsystems routes point at) and playbooks (the how-to for a lane). Pure schemas and types; the
 * loader in `catalog/` reads files and reports errors with file and line.
 */

export const LANES = ["issue", "owner-native", "pointer", "draft"] as const;
export const ROUTE_STATUSES = ["active", "draft", "retired"] as const;
export const SENSITIVITIES = ["production", "secret-material"] as const;

export type Lane = (typeof LANES)[number];
export type RouteStatus = (typeof ROUTE_STATUSES)[number];
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** Lowercase words joined by single dashes: stable in URLs, branch names and idempotency keys. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by dashes (e.g. ssh-build-hosts)")
  .max(80);

export const PLAYBOOK_PATH = /^playbooks\/[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

export const RouteSchema = z
  .object({
    id: slug,
    title: z.string().min(3).max(200),
    summary: z.string().max(2000).optional(),
    kinds: z.array(slug).min(1),
    owner: slug,
    lane: z.enum(LANES),
    status: z.enum(ROUTE_STATUSES),
    match: z.array(z.string().min(2).max(200)).min(1).max(50),
    playbook: z.string().regex(PLAYBOOK_PATH, "must be a path like playbooks/<name>.md").optional(),
    sensitivity: z.array(z.enum(SENSITIVITIES)).default([]),
    /** Which of the playbook's numbered steps belong to this route (1-based), when routes share a playbook. */
    steps: z.array(z.number().int().min(1).max(99)).min(1).optional(),
    /** On a retired route: the route that replaced it, named in every answer. */
    superseded_by: slug.optional(),
    /** Questions that must route to this route: `catalog validate` runs them as a regression test. */
    examples: z.array(z.string().min(3).max(500)).max(20).optional(),
    /** On a `lane: issue` route: what its SSH certificates may allow (docs/ssh.md). */
    ssh: SshPolicySchema.optional(),
    /** Vendor and product names, abbreviations: each alone must route here (`catalog validate` checks). */
    aliases: z.array(z.string().min(2).max(100)).max(50).optional(),
  })
  .strict();
export type Route = z.infer<typeof RouteSchema>;
/** A route as written in YAML, before defaults are applied. */
export type RouteInput = z.input<typeof RouteSchema>;

export const CatalogFileSchema = z.object({ routes: z.array(RouteSchema) }).strict();

export const OwnerSchema = z
  .object({
    id: slug,
    name: z.string().min(2).max(200),
    description: z.string().max(2000).optional(),
    /** The owner's agent name on the State Hub, where questions for it can be forwarded. */
    hub_agent: z.string().min(1).max(200),
    /** Where people reach the owning team (a channel, a queue); never a credential. */
    contact: z.string().max(200).optional(),
  })
  .strict();
export type Owner = z.infer<typeof OwnerSchema>;

export const OwnersFileSchema = z.object({ owners: z.array(OwnerSchema).min(1) }).strict();

export const PlaybookFrontMatterSchema = z
  .object({
    id: slug,
    title: z.string().min(3).max(200),
    owner: slug,
    lane: z.enum(LANES),
    routes: z.array(slug).default([]),
  })
  .strict();
export type PlaybookFrontMatter = z.infer<typeof PlaybookFrontMatterSchema>;

export interface Playbook {
  /** Repository-relative path, e.g. `playbooks/ssh-certificates.md`. */
  path: string;
  meta: PlaybookFrontMatter;
  /** The Markdown after the front matter. */
  body: string;
  /** The numbered steps of the body, in order, as plain text. */
  steps: string[];
}

/** Everything the worker and the route index know, loaded and validated. */
export interface Catalog {
  routes: Route[];
  owners: Owner[];
  playbooks: Playbook[];
}

export interface RouteMatch {
  route: Route;
  /** 0..1, comparable across queries. */
  score: number;
  /** The normalised query terms or phrases that matched, for explaining a ranking. */
  matched: string[];
}

export interface RouteAnswer {
  /** True when the top match clears the confidence threshold and is clearly ahead of the next. */
  confident: boolean;
  /** The question does not look like a credential need at all (never confident then). */
  outOfScope?: boolean;
  /** Best first; when not confident these are the closest candidates. */
  matches: RouteMatch[];
}

/** Built once per process from a catalog; lookups must not scan every route per query word. */
export interface RouteIndex {
  lookup(question: string, options?: { top?: number }): RouteAnswer;
  get(routeId: string): Route | undefined;
  readonly size: number;
}
