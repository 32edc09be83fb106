import { z } from "zod";
import { contentHash } from "../../domain/keys.ts";

/**
 * A hidden, machine-readable marker in every PR and issue body. With no database, this is how
 * ops-warden finds its own artefacts again (Renovate's approach): the key is the action's
 * idempotency key, so a re-run tick recognises what a crashed tick already created.
 */
const PREFIX = "<!-- ops-warden:v1 ";
const SUFFIX = " -->";

export const MarkerSchema = z.object({
  key: z.string().regex(/^warden-[a-z_]+-[0-9a-f]{24}$/),
  message_id: z.string(),
  thread_id: z.string(),
  from_agent: z.string(),
  /**
   * Content hash of the change a PR carries (file path and content). Equal hash: nothing to
   * update; a closed-unmerged PR with this hash declines exactly this content.
   */
  hash: z.string().regex(/^[0-9a-f]{12,64}$/).optional(),
});
export type Marker = z.infer<typeof MarkerSchema>;

export function renderMarker(marker: Marker): string {
  // JSON inside an HTML comment: "--" would end the comment, so it is escaped.
  return `${PREFIX}${JSON.stringify(marker).replace(/--/g, "-\\u002d")}${SUFFIX}`;
}

/** The body with its marker replaced by `marker` (or appended when it has none). */
export function withMarker(body: string, marker: Marker): string {
  const start = body.lastIndexOf(PREFIX);
  const end = start < 0 ? -1 : body.indexOf(SUFFIX, start + PREFIX.length);
  if (end < 0) return `${body}\n\n${renderMarker(marker)}`;
  return body.slice(0, start) + renderMarker(marker) + body.slice(end + SUFFIX.length);
}

/** Reads the marker back from a body; a missing or forged-looking marker yields undefined. */
export function readMarker(body: string): Marker | undefined {
  const start = body.lastIndexOf(PREFIX);
  if (start < 0) return undefined;
  const end = body.indexOf(SUFFIX, start + PREFIX.length);
  if (end < 0) return undefined;
  try {
    const parsed = MarkerSchema.safeParse(JSON.parse(body.slice(start + PREFIX.length, end)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The content hash a PR marker carries: the file and its whole new content. */
export function changeHash(file: string, content: string): string {
  return contentHash(`${file}\u0000${content}`, 16);
}
