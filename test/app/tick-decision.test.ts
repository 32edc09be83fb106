import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ROLLOUT_MODES } from "../../src/config/schema.ts";
import { decideTick } from "../../src/app/tick/decide.ts";
import { builtEntry } from "../support/built-cli.ts";

const run = promisify(execFile);
const ENTRY = builtEntry("tick-decide");

describe("decideTick", () => {
  const cases: [string, string, string, boolean][] = [];
  for (const mode of ROLLOUT_MODES) {
    cases.push(["schedule", "", mode, mode === "scheduled"]);
    cases.push(["workflow_dispatch", "dry-run", mode, false]);
    cases.push(["workflow_dispatch", "execute", mode, mode !== "dry-run"]);
    cases.push(["push", "execute", mode, false]);
  }
  it.each(cases)("%s requested=%s config=%s → execute %s", (event, requested, configMode, expected) => {
    const decision = decideTick({ event, requested, configMode: configMode as (typeof ROLLOUT_MODES)[number], hubConfigured: true });
    expect(decision.execute).toBe(expected);
    if (!expected) expect(decision.reason).toMatch(/^dry-run: /);
  });

  it("never acts without a hub", () => {
    expect(decideTick({ event: "schedule", requested: "", configMode: "scheduled", hubConfigured: false })).toEqual({
      execute: false,
      reason: "dry-run: no State Hub is configured (set the WARDEN_HUB_URL repository variable)",
    });
  });
});

describe("the decision step as a process", () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function step(configMode: string, env: Record<string, string>) {
    dir = await mkdtemp(join(tmpdir(), "warden-decide-"));
    await mkdir(join(dir, ".github"));
    await writeFile(join(dir, ".github", "ops-warden.yml"), `mode: ${configMode}\n`);
    const output = join(dir, "output");
    const summary = join(dir, "summary.md");
    await writeFile(output, "");
    const base = { PATH: process.env.PATH ?? "", GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, WARDEN_HUB_URL: "https://hub.example.test" };
    const result = await run(process.execPath, [ENTRY], { cwd: dir, env: { ...base, ...env } }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    return { result, output: await readFile(output, "utf8"), summary: await readFile(summary, "utf8").catch(() => "") };
  }

  it("a scheduled run in manual mode only plans, and says so in the summary", async () => {
    const { output, summary } = await step("manual", { EVENT_NAME: "schedule" });
    expect(output).toBe("execute=false\n");
    expect(summary).toContain("**Dry-run only**");
    expect(summary).toContain("scheduled runs act only when the config's mode is `scheduled`; it is `manual`");
  });

  it("a scheduled run acts when the config's mode is scheduled", async () => {
    const { output, summary } = await step("scheduled", { EVENT_NAME: "schedule" });
    expect(output).toBe("execute=true\n");
    expect(summary).toContain("**Executing**");
  });

  it("an invalid config fails the step instead of deciding, and the job summary says what is wrong", async () => {
    const { result, output, summary } = await step("dryrun", { EVENT_NAME: "workflow_dispatch", REQUESTED_MODE: "execute" });
    expect((result as { code?: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toContain(".github/ops-warden.yml");
    expect(output).toBe("");
    expect(summary).toContain("**Stopped**: the config does not validate");
    expect(summary).toContain('.github/ops-warden.yml:1: mode: "dryrun" is not allowed; expected one of "dry-run", "manual", "scheduled" (did you mean "dry-run"?)');
    expect(summary).not.toContain("execute");
  });
});
