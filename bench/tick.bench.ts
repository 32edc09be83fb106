/**
 * One whole executing tick as `worker run --once --execute` runs it (the runtime's `runTick`: lock,
 * plan, execute, the audit trail with hub delivery, the dashboard, the audit branch), over 100
 * messages against local fakes, then a second tick that finds nothing to do. Prints; asserts nothing.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createHttpHubClient, FileHubStore, startHubServer } from "../src/adapters/hub/index.ts";
import type { Message } from "../src/domain/message.ts";
import { buildWorker } from "../src/runtime/index.ts";
import { REPO_ROOT } from "../test/catalog/helpers.ts";
import { serveFakeGitHub } from "../test/support/fake-github-server.ts";
import { bareOrigin } from "../test/support/git-origin.ts";

const sample = JSON.parse(await readFile(join(REPO_ROOT, "samples", "inbox", "messages.json"), "utf8")) as { messages: Message[] };
const byId = (id: string) => sample.messages.find((m) => m.id === id)!;
const copy = (id: string, n: number): Message => ({ ...byId(id), id: `${id}-c${n}`, thread_id: `${byId(id).thread_id}-c${n}` });

export async function main(): Promise<void> {
  const messages = [
    ...[1, 2, 3, 4, 5].map((n) => copy("msg-0008", n)),
    ...Array.from({ length: 10 }, (_, n) => copy("msg-0010", n)),
    ...Array.from({ length: 85 }, (_, n) => copy(["msg-0001", "msg-0002", "msg-0003", "msg-0004", "msg-0005"][n % 5]!, n)),
  ];
  const repo = await bareOrigin();
  const hubDir = await mkdtemp(join(tmpdir(), "warden-bench-tick-hub-"));
  await writeFile(join(hubDir, "messages.json"), JSON.stringify({ messages }));
  await writeFile(join(repo.checkout, ".github-config.yml"), "mode: manual\n");
  const hubServer = await startHubServer({ store: new FileHubStore({ dir: hubDir }), port: 0, host: "127.0.0.1" });
  const gh = await serveFakeGitHub();
  try {
    for (const durable of [false, true]) {
      const env = { PATH: process.env.PATH, GITHUB_REPOSITORY: "acme/estate", GITHUB_API_URL: gh.url, GITHUB_TOKEN: "bench-token", WARDEN_GITHUB_THROTTLE: "off", WARDEN_STATE_DIR: join(repo.root, `state-${durable}`), ...(durable ? { WARDEN_AUDIT_REF: "warden/audit" } : {}) };
      const worker = await buildWorker({ root: repo.checkout, configFile: join(repo.checkout, ".github-config.yml"), env, cwd: repo.checkout, hub: createHttpHubClient({ baseUrl: hubServer.url }), executing: true, executorSeams: { octokit: { retry: false, throttle: false } } });
      const label = durable ? "with WARDEN_AUDIT_REF" : "local audit only";
      const started = performance.now();
      const first = await worker.runTick({ stopRequested: () => false });
      const firstMs = performance.now() - started;
      const again = performance.now();
      const second = await worker.runTick({ stopRequested: () => false });
      const secondMs = performance.now() - again;
      await worker.dispose();
      const summary = first.ran ? JSON.stringify(first.result?.summary) : "not run";
      console.log(`100-message executing tick (${label}): ${firstMs.toFixed(0)} ms wall (${summary}); next tick with nothing unread: ${secondMs.toFixed(0)} ms (${second.ran ? second.doc.messages.length : "?"} messages)`);
      // The same inbox again, unread, for the second configuration: its work is then found already done.
      const file = join(hubDir, "messages.json");
      const state = JSON.parse(await readFile(file, "utf8")) as { messages: Message[] };
      for (const m of state.messages) if (m.to_agent === "ops-warden") m.status = "unread";
      await writeFile(file, JSON.stringify(state));
    }
  } finally {
    await hubServer.close();
    await gh.close();
    await repo.cleanup();
    await rm(hubDir, { recursive: true, force: true });
  }
}
