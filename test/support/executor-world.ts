import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileEffectClaims } from "../../src/adapters/fs/effect-claims.ts";
import { createFileHubClient } from "../../src/adapters/hub/index.ts";
import { catalogTreeErrors, readCatalogFiles } from "../../src/catalog/index.ts";
import type { WardenConfig } from "../../src/config/schema.ts";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import type { HubClient } from "../../src/domain/hub.ts";
import type { Message } from "../../src/domain/message.ts";
import type { ExecuteDeps } from "../../src/worker/execute/context.ts";
import type { ExecutionResult } from "../../src/worker/execute/executor.ts";
import { executePlan } from "../../src/worker/execute/executor.ts";
import { recordingPorts } from "../../src/worker/execute/recording.ts";
import type { PlanDocument } from "../../src/worker/plan/document.ts";
import { planTick } from "../../src/worker/tick.ts";
import { fakeScanner, REPO_ROOT } from "../catalog/helpers.ts";
import { MemoryAuditSink } from "./memory-audit.ts";
import { MemoryGit } from "./memory-git.ts";
import { MemoryGitHub } from "./memory-github.ts";
import { shippedPlanner } from "./planner.ts";

export const BOT = { name: "ops-warden[bot]", email: "ops-warden[bot]@users.noreply.github.com" };

/** Hub methods a test can make fail once, after (or instead of) the real call. */
export type HubFault = { method: "send" | "markRead"; when: "before" | "after"; messageId?: string; error?: Error };

/**
 * The sample inbox in a temp file hub, the shipped catalog in an in-memory origin, an in-memory
 * GitHub: `tick()` plans with the real planner and executes, like `worker run --once --execute`.
 */
export async function executorWorld(options: { config?: WardenConfig; messages?: Message[] } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "warden-exec-"));
  if (options.messages) {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(join(dir, "messages.json"), JSON.stringify({ messages: options.messages }));
  } else {
    await cp(join(REPO_ROOT, "samples", "inbox", "messages.json"), join(dir, "messages.json"));
  }
  const config = options.config ?? DEFAULT_CONFIG;
  const files = await readCatalogFiles(REPO_ROOT);
  const git = new MemoryGit(Object.fromEntries([...files].map(([p, b]) => [p, Buffer.from(b).toString("utf8")])));
  const github = new MemoryGitHub();
  const audit = new MemoryAuditSink();
  const realHub = createFileHubClient({ dir });
  const faults: HubFault[] = [];
  const hub: HubClient = {
    unread: (agent) => realHub.unread(agent),
    get: (id) => realHub.get(id),
    emit: (event, key) => realHub.emit(event, key),
    send: (message, key) => withFault("send", message.in_reply_to, faults, () => realHub.send(message, key)),
    markRead: (id) => withFault("markRead", id, faults, () => realHub.markRead(id)),
  };
  const planner = await shippedPlanner(undefined, config);
  // Claims live in the state directory, shared by every tick of this world (as on one checkout).
  const claims = fileEffectClaims(join(dir, "state", "effects"));
  let ticks = 0;

  const catalogText = new Map([...files].map(([p, b]) => [p, Buffer.from(b).toString("utf8")]));

  async function tick(overrides: Partial<ExecuteDeps> = {}): Promise<{ doc: PlanDocument; result: ExecutionResult }> {
    ticks += 1;
    const doc = await planTick({ hub, hubLabel: "file:test", brainName: planner.brainName, config, planMessage: (m) => planner.plan(m), now: () => new Date(), stopRequested: () => false });
    const deps: ExecuteDeps = {
      github, git, hub, audit, scanner: fakeScanner, knownSecrets: [], claims, identity: BOT, config, mode: "manual", tickId: `tick-${ticks}`, now: () => new Date(),
      validateTree: (tree) => catalogTreeErrors(tree, fakeScanner),
      ...overrides,
    };
    return { doc, result: await executePlan(doc, deps) };
  }

  async function stored(): Promise<Message[]> {
    return (JSON.parse(await readFile(join(dir, "messages.json"), "utf8")) as { messages: Message[] }).messages;
  }

  /** A dry-run tick: the same executor over recording ports; returns what it would have written. */
  async function dryTick() {
    const ports = recordingPorts({ files: catalogText });
    const out = await tick({ ...ports, dryRun: true });
    return { ...out, writes: ports.writes };
  }

  return {
    dir, git, github, dryTick, audit, hub, faults, tick, stored,
    /** Replies ops-warden sent, per original message id. */
    async repliesPer(): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      for (const m of await stored()) if (m.from_agent === "ops-warden" && m.in_reply_to) counts.set(m.in_reply_to, (counts.get(m.in_reply_to) ?? 0) + 1);
      return counts;
    },
    async unreadIds(): Promise<string[]> {
      return (await stored()).filter((m) => m.to_agent === "ops-warden" && m.status === "unread").map((m) => m.id);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function withFault<T>(method: HubFault["method"], messageId: string | null, faults: HubFault[], call: () => Promise<T>): Promise<T> {
  const index = faults.findIndex((f) => f.method === method && (f.messageId === undefined || f.messageId === messageId));
  const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
  if (fault?.when === "before") throw fault.error ?? new Error(`injected ${method} failure`);
  const result = await call();
  if (fault?.when === "after") throw fault.error ?? new Error(`injected crash after ${method}`);
  return result;
}
