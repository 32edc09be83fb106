#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so `npx warden` works right after
// `npm ci` with no build step and can never run a stale build.
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { register } from "tsx/esm/api";

register();
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
await import(pathToFileURL(join(root, "src", "cli", "main.ts")).href);
