import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * Every test file runs with its own temporary state directory: a tick, a relay or a review run
 * by a test writes its audit there, never into the repository's `.warden/` (where the rollout
 * gate would count it as evidence). Tests that build an environment from scratch take this
 * directory from `testStateDir()` (captureIO does).
 */
const dir = mkdtempSync(join(tmpdir(), "warden-test-state-"));
process.env.WARDEN_STATE_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
