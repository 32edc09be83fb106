import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";

/** Size of every file under `dir` (none when it does not exist): what a tick would have changed. */
async function snapshot(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info?.isFile()) out[name] = info.size;
  }
  return out;
}

describe("tests never write into the repository's .warden/", () => {
  it("every test file runs with a temporary WARDEN_STATE_DIR outside the repository, and captureIO passes it on", () => {
    const dir = process.env.WARDEN_STATE_DIR;
    expect(dir).toBeDefined();
    expect(relative(REPO_ROOT, dir as string).startsWith("..")).toBe(true);
    expect(captureIO().env.WARDEN_STATE_DIR).toBe(dir);
  });

  it("a tick run through the CLI the way tests run it records into the temporary state dir, not the repository", async () => {
    const before = await snapshot(join(REPO_ROOT, ".warden"));
    const io = captureIO();
    expect(await runCli(["worker", "run", "--once"], io)).toBe(0);
    expect(await snapshot(join(REPO_ROOT, ".warden"))).toEqual(before);
    expect(Object.keys(await snapshot(join(process.env.WARDEN_STATE_DIR as string, "audit")))).toContain("audit-000001.jsonl");
  });
});
