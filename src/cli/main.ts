import { processIO } from "./io.ts";
import { runCli } from "./program.ts";

const code = await runCli(process.argv.slice(2), processIO());
process.exitCode = code;
