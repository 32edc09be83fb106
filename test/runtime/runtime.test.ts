import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.ts";
import { UsageError } from "../../src/domain/errors.ts";
import type { Logger } from "../../src/domain/logger.ts";
import { buildPlanner, buildWorker } from "../../src/runtime/index.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";
import { message, ScriptedBrain } from "../support/planner.ts";

function recordingLogger(): Logger & { errors: Record<string, unknown>[] } {
  const errors: Record<string, unknown>[] = [];
  const ignore = () => undefined;
  return { errors, debug: ignore, info: ignore, warn: ignore, error: (fields) => errors.push(fields) };
}

describe("composition root", () => {
  it("refuses a WARDEN_LOG_LEVEL it does not know, like a bad flag (exit 2)", async () => {
    const error = await buildWorker({ root: REPO_ROOT, env: { WARDEN_LOG_LEVEL: "loud" }, cwd: REPO_ROOT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain("WARDEN_LOG_LEVEL must be one of");
    expect((error as UsageError).exitCode).toBe(2);
  });

  it("refuses a root that does not exist, naming it", async () => {
    const error = await buildWorker({ root: "no-such-dir", env: {}, cwd: REPO_ROOT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/--root ".*no-such-dir" does not exist/);
  });

  it("logs a guard that throws, with its stack, and still escalates the message", async () => {
    const brain = new ScriptedBrain();
    const logger = recordingLogger();
    const planner = await buildPlanner({ root: REPO_ROOT, config: DEFAULT_CONFIG, env: {}, brain, logger });
    const hostile = Object.defineProperty({}, "kind", { enumerable: true, get: () => { throw new TypeError("a getter that throws"); } });
    brain.next = { actions: [hostile], rationale: "r", confidence: 1 };
    const plan = await planner.plan(message());
    expect(plan.run.map((a) => a.kind)).toEqual(["escalate", "mark_read"]);
    expect(logger.errors).toHaveLength(1);
    expect(String(logger.errors[0]?.stack)).toContain("TypeError: a getter that throws");
    expect(String(logger.errors[0]?.stack)).toContain("\n    at ");
  });

  it("records the catalog's commit and file hash on every change effect", async () => {
    const brain = new ScriptedBrain();
    const planner = await buildPlanner({ root: REPO_ROOT, config: DEFAULT_CONFIG, env: {}, brain });
    const path = "playbooks/api-tokens.md";
    const current = await readFile(join(REPO_ROOT, path), "utf8");
    brain.next = { actions: [{ kind: "propose_playbook_change", path, content: `${current}\nOne more plain line.\n`, rationale: "r" }, { kind: "mark_read" }], rationale: "r", confidence: 1 };
    // From the api-tokens route's owner agent: a playbook change needs the owners' authority.
    const change = (await planner.plan(message({ from_agent: "credential-broker" }))).run.find((a) => a.kind === "propose_playbook_change");
    expect(change && "base" in change ? change.base.tree : undefined).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("says a manual-mode plan without --execute is planning only", async () => {
    const root = await mkdtemp(join(tmpdir(), "warden-mode-"));
    await mkdir(join(root, ".github"));
    await writeFile(join(root, ".github/ops-warden.yml"), "mode: manual\n");
    const worker = await buildWorker({ root: REPO_ROOT, configFile: join(root, ".github/ops-warden.yml"), env: { WARDEN_STATE_DIR: join(root, "state") }, cwd: REPO_ROOT });
    const doc = await worker.tick(() => false);
    expect(doc.mode).toBe("manual");
    expect(doc.planning_only).toContain("nothing runs without --execute");
  });
});
