/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (or the ones named on the command line)
 * and lets each print its own figures. Benchmarks print; they never assert on time. Issue 21's
 * table: startup (cold starts, the scheduled tick), plan (throughput), route (lookups by catalog
 * size), secret-scan (vs secretlint), executor (the 100-message tick), ci (`bash .ci/run`).
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
for (const file of files) {
  console.log(`\n## ${file}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { main?: () => Promise<void>; onlyWhenNamed?: string };
  // A bench that takes minutes (a whole CI run) says how to run it instead of running unasked.
  if (mod.onlyWhenNamed && wanted.length === 0) console.log(`not run by default: ${mod.onlyWhenNamed}`);
  else if (mod.main) await mod.main();
}
