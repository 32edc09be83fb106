// `npm run static`: runs the npm scripts named as arguments at the same time and prints each one's
// output as a block when it ends, in the order given; exits 1 if any failed. lint and typecheck
// are single-threaded, so on CI's two cores together they take as long as the slower one.
import { spawn } from "node:child_process";

function runScript(name: string): Promise<{ name: string; code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "-s", name], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => resolve({ name, code: code ?? 1, output }));
  });
}

const results = await Promise.all(process.argv.slice(2).map(runScript));
for (const { name, code, output } of results) {
  console.log(`> ${name}: ${code === 0 ? "ok" : `failed (exit ${code})`}`);
  if (output.trim()) console.log(output.trimEnd());
}
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
