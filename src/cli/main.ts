import { processIO } from "./io.ts";
import { runCli } from "./program.ts";

// A reader that stops early (`warden activity | head`) closes the pipe: that ends the output, as
// for any Unix tool, rather than crashing with an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const code = await runCli(process.argv.slice(2), processIO());
process.exitCode = code;
