// Builds dist/: the bundles the `warden` bin and the workflows run (`npm run build`).
//
// dist/ is committed (the JavaScript Actions convention): the tick and relay jobs run `node dist/…`
// straight after checkout, with no `npm ci`. So everything the bundles need at run time is inside
// them or a node built-in, and the output is byte-identical for the same sources and lockfile
// (no timestamps, no absolute paths, no source maps), which lets CI rebuild and diff it.
import { rm } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Metafile } from "esbuild";
import { build } from "esbuild";
import { commandSummary } from "../src/cli/commands/index.ts";
import { ExitStatus } from "../src/cli/io.ts";
import { buildProgram } from "../src/cli/program.ts";

const ROOT = join(import.meta.dirname, "..");

/** Output file (without extension) → source. The names are what workflows and bin/ run. */
export const ENTRIES = {
  // The CLI: `bin/warden.js` imports it.
  warden: "src/cli/main.ts",
  // A planning thread: src/runtime/plan-pool.ts starts `./plan-thread.mjs` beside itself, which
  // in a checkout is the tsx shim and here is this bundle (every output file sits in dist/).
  "plan-thread": "src/runtime/plan-thread.ts",
  // The GitHub App for one Actions event (relay.yml).
  relay: "src/app/actions-entry.ts",
  // The tick workflow's decision step (tick.yml).
  "tick-decide": "src/app/tick/decide-main.ts",
} as const;

// Some bundled CommonJS packages call require() for node built-ins; an ES module has none.
const BANNER = 'import { createRequire as __wardenCreateRequire } from "node:module";\nconst require = __wardenCreateRequire(import.meta.url);';

export interface BuildOptions {
  /** Where to write (default: dist/ of this repository). Emptied first. */
  outdir?: string;
}

export interface BuiltDist {
  /** The files written, relative to `outdir`. */
  files: string[];
  /** esbuild's account of which sources went into which output (paths relative to the repository). */
  metafile: Metafile;
}

/** Builds every entry into `outdir`. */
export async function buildDist(options: BuildOptions = {}): Promise<BuiltDist> {
  const outdir = options.outdir ?? join(ROOT, "dist");
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([out, src]) => [out, join(ROOT, src)])),
    outdir,
    bundle: true,
    platform: "node",
    target: "node20.19",
    format: "esm",
    // Shared code goes into chunks and each command's dynamic import() stays lazy: `--version`
    // parses only the chunks it needs. Chunks sit beside the entries, so import.meta.url-relative
    // paths (./plan-thread.mjs) resolve the same from any of them.
    splitting: true,
    chunkNames: "chunk-[hash]",
    outExtension: { ".js": ".mjs" },
    banner: { js: BANNER },
    // The top-level help, read from the commands as registered now: `warden --help` then loads
    // no command module (src/cli/commands/index.ts).
    define: { __WARDEN_COMMAND_SUMMARY__: JSON.stringify(await topLevelCommands()) },
    minify: true,
    // Keep class and function names: errors and logs print them.
    keepNames: true,
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  });
  const files = Object.keys(result.metafile.outputs).map((file) => relative(outdir, join(ROOT, file))).sort();
  return { files, metafile: result.metafile };
}

async function topLevelCommands() {
  const io = { out: () => undefined, err: () => undefined, env: {}, cwd: ROOT };
  return commandSummary(await buildProgram({ io, status: new ExitStatus() }, ["--help"]));
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { files } = await buildDist();
  console.log(`dist/: ${files.length} files (${files.filter((f) => !f.startsWith("chunk-")).join(", ")} + chunks)`);
}
