#!/usr/bin/env node
// Runs the built CLI (dist/, committed and rebuilt by `npm run build`): no TypeScript compiler at
// start-up and no node_modules needed. CI fails when dist/ differs from a fresh build of src/.
// To run the sources instead: `npm run warden:src -- …`.
import { access } from "node:fs/promises";

const bundle = new URL("../dist/warden.mjs", import.meta.url);
try {
  await access(bundle);
} catch {
  process.stderr.write("warden: dist/warden.mjs is missing: run `npm run build`\n");
  process.exit(1);
}
await import(bundle.href);
