import { stat } from "node:fs/promises";
import { join } from "node:path";
import { MESSAGES_FILE, readMessagesFile } from "./state.ts";

/**
 * The parsed messages file, reused while the file is unchanged. Listing pages one by one would
 * otherwise parse the whole file per page (quadratic in the inbox size). Every write renames a
 * new file into place, so a new inode, size or mtime means re-read. Read-only: writers always
 * read afresh under the lock.
 */
export class MessagesSnapshot {
  private cached: { key: string; messages: readonly unknown[] } | undefined;

  constructor(private readonly dir: string) {}

  async messages(): Promise<readonly unknown[]> {
    const key = await this.fileKey();
    if (key !== undefined && this.cached?.key === key) return this.cached.messages;
    const { messages } = await readMessagesFile(this.dir);
    this.cached = key === undefined ? undefined : { key, messages };
    return messages;
  }

  private async fileKey(): Promise<string | undefined> {
    try {
      const info = await stat(join(this.dir, MESSAGES_FILE), { bigint: true });
      return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}`;
    } catch {
      return undefined; // Missing or unreadable: readMessagesFile reports it properly.
    }
  }
}
