import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDemoSummary, runDemo } from "../../scripts/demo.ts";
import { REPO_ROOT } from "../catalog/helpers.ts";

describe("npm run demo (the README's acting demo)", () => {
  it("acts once, finds nothing new the second time, and the README says what it does", async () => {
    const dir = await mkdtemp(join(tmpdir(), "warden-demo-test-"));
    try {
      let output = "";
      const silent = { out: (t: string) => void (output += t), err: (t: string) => void (output += t) };
      const result = await runDemo(() => undefined, dir, silent);
      expect(result.codes).toEqual([0, 0]);
      expect(result.pullRequests).toHaveLength(2);
      // 5 escalations of planned messages and the sample inbox's 2 quarantined records.
      expect(result.issues).toHaveLength(7);
      expect(result.dashboard).toHaveLength(1);
      expect(result.branches).toHaveLength(2);
      expect(result.replies).toBe(10);
      expect(result.unread).toEqual([]);
      expect(output).toContain("tick done: executed 38,");
      expect(renderDemoSummary(result)).toContain("left unread in ops-warden's inbox: none");

      const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
      const section = readme.slice(readme.indexOf("## Acting:")).replace(/\s+/g, " ");
      expect(section).toContain("npm run demo");
      expect(section).toContain(`opens ${result.pullRequests.length} pull requests`);
      expect(section).toContain(`${result.issues.length} escalation issues (two of them for the quarantined records \`msg-0018\` and \`msg-0019\`) and ${result.replies} route answers`);
      expect(section).toContain("`tick done: executed 38, …`");
      expect(section).toContain("leaves nothing unread");
      expect(section).not.toContain("finds nothing unread");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
