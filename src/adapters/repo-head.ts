import { execFile } from "node:child_process";

/**
 * The commit checked out at `root`, or undefined when `root` is not in a git work tree (or git
 * is not installed). Argument array, no shell; the environment's GIT_* variables are dropped so
 * an ambient GIT_DIR cannot point the answer at another repository.
 */
export function readHeadCommit(root: string): Promise<string | undefined> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("GIT_")));
  return new Promise((resolveCommit) => {
    execFile("git", ["-C", root, "rev-parse", "--verify", "--quiet", "HEAD"], { env, timeout: 10_000 }, (error, stdout) => {
      const commit = stdout.trim();
      resolveCommit(!error && /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined);
    });
  });
}
