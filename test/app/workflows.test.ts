import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const DIR = join(import.meta.dirname, "..", "..", ".github", "workflows");

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean | string };
  jobs: Record<string, Job>;
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".yml"));
const load = (file: string): Workflow => parse(readFileSync(join(DIR, file), "utf8")) as Workflow;
const allSteps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((job) => job.steps);

describe("workflows", () => {
  it("ships ci, nightly, tick and relay, each parsing as YAML", () => {
    expect(files.sort()).toEqual(["ci.yml", "nightly.yml", "relay.yml", "tick.yml"]);
    for (const file of files) expect(load(file).jobs, file).toBeTypeOf("object");
  });

  it("pins every action by a full commit SHA with the release tag beside it", () => {
    for (const file of files) {
      const text = readFileSync(join(DIR, file), "utf8");
      for (const step of allSteps(load(file)).filter((s) => s.uses)) {
        expect(step.uses, `${file}: ${step.uses}`).toMatch(/^[a-z0-9-]+\/[a-z0-9._-]+@[0-9a-f]{40}$/);
        const line = text.split("\n").find((l) => l.includes(`uses: ${step.uses}`));
        expect(line, `${file}: ${step.uses} has a # vX.Y.Z comment`).toMatch(/ # v\d+\.\d+\.\d+$/);
      }
    }
  });

  it("grants contents: read at the top and writes only to the jobs that need them", () => {
    for (const file of files) expect(load(file).permissions, file).toEqual({ "contents": "read" });
    expect(load("ci.yml").jobs.test?.permissions).toBeUndefined();
    expect(load("tick.yml").jobs.tick?.permissions).toEqual({ contents: "write", "pull-requests": "write", issues: "write" });
    // contents: write for the relay too: it appends its audit events to the warden/audit branch.
    expect(load("relay.yml").jobs.relay?.permissions).toEqual({ contents: "write", issues: "write", "pull-requests": "write" });
    for (const file of files) {
      for (const job of Object.values(load(file).jobs)) {
        for (const scope of ["actions", "administration", "workflows", "secrets", "checks", "id-token"]) {
          expect(job.permissions?.[scope], `${file} asks for ${scope}`).toBeUndefined();
        }
      }
    }
  });

  it("every tick (dry-run included) and every relay appends its audit to the warden/audit branch", () => {
    const tick = load("tick.yml").jobs.tick as unknown as { env: Record<string, string>; steps: { run?: string; env?: Record<string, string> }[] };
    expect(tick.env.WARDEN_AUDIT_REF).toBe("warden/audit");
    expect(tick.steps.find((s) => s.run?.includes("--dry-run"))?.env?.GITHUB_TOKEN).toBeDefined();
    const relay = allSteps(load("relay.yml")).find((s) => s.run?.includes("relay.mjs"));
    expect(relay?.env?.WARDEN_AUDIT_REF).toBe("warden/audit");
  });

  it("never lets two ticks overlap or cancel one that is writing", () => {
    expect(load("tick.yml").concurrency).toEqual({ group: "ops-warden-tick", "cancel-in-progress": false });
  });

  it("ticks every 15 minutes and manually with a mode input that defaults to dry-run", () => {
    const on = load("tick.yml").on as { schedule: { cron: string }[]; workflow_dispatch: { inputs: { mode: { default: string; options: string[] } } } };
    expect(on.schedule).toEqual([{ cron: "*/15 * * * *" }]);
    expect(on.workflow_dispatch.inputs.mode.default).toBe("dry-run");
    expect(on.workflow_dispatch.inputs.mode.options).toEqual(["dry-run", "execute"]);
  });

  it("runs --execute only in steps gated on the decision step, which comes first", () => {
    for (const file of files) {
      for (const job of Object.values(load(file).jobs)) {
        const decideAt = job.steps.findIndex((s) => s.id === "decide");
        job.steps.forEach((step, i) => {
          if (!step.run?.includes("--execute")) return;
          expect(decideAt, `${file}: a decision step precedes --execute`).toBeGreaterThanOrEqual(0);
          expect(decideAt).toBeLessThan(i);
          expect(step.if).toBe("steps.decide.outputs.execute == 'true'");
        });
      }
    }
    const tick = load("tick.yml").jobs.tick!.steps;
    expect(tick.filter((s) => s.run?.includes("--execute"))).toHaveLength(1);
    expect(tick.find((s) => s.run?.includes("--dry-run"))?.if).toBe("steps.decide.outputs.execute != 'true'");
  });

  it("uses an App token when the App is configured, the workflow token otherwise", () => {
    for (const file of ["tick.yml", "relay.yml"]) {
      const steps = allSteps(load(file));
      const token = steps.find((s) => s.id === "app-token");
      expect(token?.uses).toMatch(/^actions\/create-github-app-token@/);
      expect(token?.if).toContain("vars.WARDEN_APP_CLIENT_ID != ''");
      const acting = steps.filter((s) => s.env?.GITHUB_TOKEN);
      expect(acting.length).toBeGreaterThan(0);
      for (const s of acting) expect(s.env?.GITHUB_TOKEN).toBe("${{ steps.app-token.outputs.token || github.token }}");
    }
  });

  it("uploads the audit log and keeps credentials out of .git/config", () => {
    const tick = load("tick.yml").jobs.tick!.steps;
    const upload = tick.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.if).toBe("always()");
    for (const file of files) {
      for (const s of allSteps(load(file)).filter((x) => x.uses?.startsWith("actions/checkout@"))) expect(s.with?.["persist-credentials"]).toBe(false);
    }
  });

  it("runs only entry points that exist in the repository", () => {
    const root = join(DIR, "..", "..");
    for (const file of files) {
      for (const step of allSteps(load(file))) {
        for (const [, script] of (step.run ?? "").matchAll(/node (?:--import tsx )?(\S+\.(?:ts|m?js))/g)) {
          expect(existsSync(join(root, script as string)), `${file}: ${script}`).toBe(true);
        }
      }
    }
  });

  it("tick and relay install nothing: they run the committed build (dist/) with plain node", () => {
    for (const file of ["tick.yml", "relay.yml"]) {
      const steps = allSteps(load(file));
      for (const step of steps) {
        expect(step.run ?? "", file).not.toMatch(/\bnpm (ci|install|i)\b|--import tsx|\bnpx\b/);
        expect(step.with?.cache, `${file}: ${step.uses}`).toBeUndefined();
      }
      const nodeRuns = steps.flatMap((s) => (s.run && /\bnode\b/.test(s.run) ? [s.run] : []));
      expect(nodeRuns.length, file).toBeGreaterThan(0);
      for (const command of nodeRuns) expect(command, file).toMatch(/^node dist\/[a-z-]+\.mjs\b/);
    }
  });

  it("nightly runs the suite with every property test at its full count", () => {
    const nightly = load("nightly.yml");
    expect(Object.keys(nightly.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const test = allSteps(nightly).find((s) => s.run === "npx vitest run");
    expect(test?.env).toEqual({ WARDEN_PROPERTY_FULL: "1" });
  });

  it("ci fails when the committed dist/ is not a fresh build of src/", () => {
    const runs = allSteps(load("ci.yml")).map((s) => s.run ?? "");
    expect(runs).toContain("npm run check:dist");
    expect(readFileSync(join(DIR, "..", "..", ".ci", "run"), "utf8")).toMatch(/^npm run check:dist$/m);
  });

  it("relays the three decision events and runs the default branch's code", () => {
    const relay = load("relay.yml");
    expect(relay.on).toEqual({ pull_request: { types: ["closed"] }, issues: { types: ["closed"] }, issue_comment: { types: ["created"] } });
    const checkout = relay.jobs.relay!.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.ref).toBe("${{ github.event.repository.default_branch }}");
  });

  it("ci installs, lints, typechecks, tests and validates the catalog on pull requests and pushes", () => {
    const ci = load("ci.yml");
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    const runs = allSteps(ci).map((s) => s.run ?? "");
    for (const command of ["npm ci", "npm run lint", "npm run typecheck", "vitest run", "catalog validate"]) {
      expect(runs.some((r) => r.includes(command)), command).toBe(true);
    }
  });
});
