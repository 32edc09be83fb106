import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // One build of the CLI per run, for the tests that start it as a process.
    globalSetup: ["test/setup/bundle.ts"],
    // On CI a JSON report is written as well, so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/report/vitest.json" },
  },
});
