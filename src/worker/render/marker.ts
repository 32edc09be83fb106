import { z } from "zod";

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
});
export type Marker = z.infer<typeof MarkerSchema>;

export function renderMarker(marker: Marker): string {
  // JSON inside an HTML comment: "--" would end the comment, so it is escaped.
  return `${PREFIX}${JSON.stringify(marker).replace(/--/g, "-\\u002d")}${SUFFIX}`;
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
