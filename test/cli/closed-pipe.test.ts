import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../catalog/helpers.ts";
import { builtEntry } from "../support/built-cli.ts";

/** Runs the built CLI with its stdout pipe closed by the reader before it writes, as `| head -1` leaves it after the first line. */
function readerGone(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtEntry("warden"), ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? "" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.destroy();
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a reader that closes the pipe early (warden … | head)", () => {
  it("ends the output quietly with exit 0 instead of crashing on EPIPE", async () => {
    for (const args of [["--help"], ["route", "--top", "5", "I need SSH access to build hosts"]]) {
      const { code, stderr } = await readerGone(args);
      expect(stderr, args.join(" ")).not.toContain("EPIPE");
      expect(code, args.join(" ")).toBe(0);
    }
  });
});
