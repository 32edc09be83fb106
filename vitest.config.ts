import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // A temporary WARDEN_STATE_DIR per test file: no test writes into the repository's .warden/.
    setupFiles: ["test/support/state-dir-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // On CI a JSON report is written as well, so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/report/vitest.json" },
  },
});
