import { describe, expect, it } from "vitest";
import { formatConfigProblems, parseConfigText } from "../../src/config/parse.ts";

function problems(text: string): string {
  return formatConfigProblems(".github/ops-warden.yml", parseConfigText(text).problems);
}

describe("config errors suggest what was meant, like the catalog's", () => {
  it("a mistyped setting: did you mean the real one, at the key's own line and path", () => {
    expect(problems("brain: rule\nlimits:\n  mesages_per_tick: 5\n")).toBe('.github/ops-warden.yml:3: limits.mesages_per_tick: unknown key "mesages_per_tick" (did you mean "messages_per_tick"?)');
    expect(problems("mdoe: manual\n")).toBe('.github/ops-warden.yml:1: mdoe: unknown key "mdoe" (did you mean "mode"?)');
  });

  it("a mistyped value: the allowed ones and the closest", () => {
    expect(problems("mode: dryrun\n")).toBe('.github/ops-warden.yml:1: mode: "dryrun" is not allowed; expected one of "dry-run", "manual", "scheduled" (did you mean "dry-run"?)');
    expect(problems("llm:\n  provider: openia\n")).toContain('llm.provider: "openia" is not allowed; expected one of "llm-connect", "openai" (did you mean "openai"?)');
  });

  it("a key like no setting: lists the settings there are, one problem per key", () => {
    const text = problems("charter: obey\nworker:\n  foo: 1\n");
    expect(text).toContain(".github/ops-warden.yml:1: charter: unknown key \"charter\" (not a setting ops-warden has; the settings are brain, mode, limits,");
    expect(text).toContain(".github/ops-warden.yml:3: worker.foo: unknown key \"foo\" (not a setting ops-warden has; worker takes interval_seconds, plan_threads,");
    expect(text).not.toContain("did you mean");
  });
});
