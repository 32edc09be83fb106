import { describe, expect, it } from "vitest";
import { parseChangeRequest } from "../../src/brain/rule/change-request.ts";

const block = (yaml: string) => `Hello,\n\n\`\`\`warden-change\n${yaml}\n\`\`\`\nThanks`;

describe("warden-change blocks", () => {
  it("is absent from ordinary questions", () => {
    expect(parseChangeRequest("I need SSH access to build hosts")).toEqual({ found: false });
  });

  it("parses an add with its entry", () => {
    const parsed = parseChangeRequest(block("op: add\nrationale: new lane\nentry:\n  id: x-route\n  title: X route"));
    expect(parsed).toMatchObject({ found: true, request: { op: "add", rationale: "new lane", entry: { id: "x-route" } } });
  });

  it("parses a retire and a playbook correction", () => {
    expect(parseChangeRequest(block("op: retire\nroute_id: old\nrationale: gone"))).toMatchObject({ request: { op: "retire", route_id: "old" } });
    expect(parseChangeRequest(block("op: playbook\npath: playbooks/a.md\nfind: a\nreplace: b\nrationale: typo"))).toMatchObject({
      request: { op: "playbook", find: "a", replace: "b" },
    });
  });

  it.each([
    ["op: add\nentry: {id: x}", "rationale"],
    ["op: destroy\nrationale: x", "op"],
    ["op: playbook\npath: playbooks/a.md\nrationale: x", "either find + replace, or content"],
    ["op: retire\nroute_id: x\nrationale: y\nbranch: main", "branch"],
    ["op: [unclosed", "not valid YAML"],
  ])("explains what is wrong with %j", (yaml, why) => {
    const parsed = parseChangeRequest(block(yaml));
    expect(parsed.found).toBe(true);
    expect("error" in parsed && parsed.error).toContain(why);
  });
});
