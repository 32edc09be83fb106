import { existsSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { HubClient, InboxPage } from "../../../domain/hub.ts";
import { createFileHubClient } from "./client.ts";
import { MESSAGES_FILE } from "./state.ts";
import type { FileHubStoreOptions } from "./store.ts";

/**
 * The default hub: the tracked sample inbox, read-only. Tracked files never change, so every
 * write (a `hub send`, an `--execute` marking read) goes to a scratch copy under the state dir,
 * made from the samples on the first write; once that copy exists, reads use it too, so a
 * message sent by hand is planned by the next `worker run`. Deleting the copy starts afresh.
 */
export function createScratchHubClient(options: Omit<FileHubStoreOptions, "dir"> & { samples: string; scratch: string }): HubClient {
  const { samples, scratch, ...fileOptions } = options;
  const copy = createFileHubClient({ ...fileOptions, dir: scratch });
  const original = createFileHubClient({ ...fileOptions, dir: samples });
  const reader = () => (scratchExists(scratch) ? copy : original);
  const writer = async () => {
    await seedScratch(samples, scratch);
    return copy;
  };
  return {
    async *unread(agent: string): AsyncIterable<InboxPage> {
      yield* reader().unread(agent);
    },
    send: async (message, key) => (await writer()).send(message, key),
    get: (messageId) => reader().get(messageId),
    markRead: async (messageId) => (await writer()).markRead(messageId),
    emit: async (event, key) => (await writer()).emit(event, key),
  };
}

export function scratchExists(scratch: string): boolean {
  return existsSync(join(scratch, MESSAGES_FILE));
}

/** Copies the samples' messages file once; a copy made meanwhile by another writer is kept. */
async function seedScratch(samples: string, scratch: string): Promise<void> {
  if (scratchExists(scratch)) return;
  await mkdir(scratch, { recursive: true });
  try {
    await copyFile(join(samples, MESSAGES_FILE), join(scratch, MESSAGES_FILE), 1 /* COPYFILE_EXCL */);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
