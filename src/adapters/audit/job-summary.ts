import { appendFile } from "node:fs/promises";

/**
 * Appends Markdown to the file GitHub Actions names in `GITHUB_STEP_SUMMARY`. Written directly:
 * @actions/core's summary is ESM-only and caches the path after its first write, which buys
 * nothing for one append per tick.
 */
export async function appendJobSummary(path: string, markdown: string): Promise<void> {
  await appendFile(path, markdown.endsWith("\n") ? markdown : `${markdown}\n`, "utf8");
}
