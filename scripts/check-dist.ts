// CI's stale-build check (`npm run check:dist`): rebuilds dist/ from the sources and fails when
// the result differs from what is committed, so a stale bundle can never ship to the workflows.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { buildDist } from "./build.ts";

const root = join(import.meta.dirname, "..");
await buildDist();
// Untracked files count too: a rebuilt chunk gets a new name.
const changed = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", "dist"], { cwd: root, encoding: "utf8" });
if (changed.trim()) {
  console.error(`${changed.trimEnd()}\n\ndist/ is stale: it differs from a fresh build of src/. Run \`npm run build\` and commit dist/.`);
  process.exitCode = 1;
} else {
  console.log("dist/ matches a fresh build of src/");
}
