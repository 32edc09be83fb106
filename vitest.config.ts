import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { isolatedTestFiles } from "./test/setup/needs-isolation.ts";

const INCLUDE = ["test/**/*.test.ts"];
const ISOLATED = isolatedTestFiles(import.meta.dirname);

export default defineConfig({
  test: {
    environment: "node",
    // A temporary WARDEN_STATE_DIR per test file: no test writes into the repository's .warden/.
    setupFiles: ["test/support/state-dir-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // vitest's default is one worker less than the cores: one worker on a 2-core CI machine,
    // which leaves a core idle while tests wait on git, child processes and sockets.
    maxWorkers: Math.max(2, availableParallelism()),
    // One build of the CLI per run, for the tests that start it as a process.
    globalSetup: ["test/setup/bundle.ts"],
    // On CI a JSON report is written as well, so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/report/vitest.json" },
    projects: [
      // Files that change process-wide state (test/setup/needs-isolation.ts) get a process each.
      { extends: true, test: { name: "isolated", include: ISOLATED, isolate: true } },
      // The rest share their worker's module cache: each module is imported once per worker.
      { extends: true, test: { name: "shared", include: INCLUDE, exclude: ISOLATED, isolate: false } },
    ],
  },
});
