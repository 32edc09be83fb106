import type { Command } from "commander";
import type { CliContext } from "../program.ts";
import { registerActivityCommands } from "./activity.ts";
import { registerCatalogCommands } from "./catalog.ts";
import { registerHubCommands } from "./hub.ts";
import { registerRolloutCommands } from "./rollout.ts";
import { registerRouteCommands } from "./route.ts";
import { registerSignCommands } from "./sign.ts";
import { registerWorkerCommands } from "./worker.ts";

/** Each command group registers itself; the command modules only wire adapters to the core. */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerCatalogCommands(program, ctx);
  registerRouteCommands(program, ctx);
  registerHubCommands(program, ctx);
  registerWorkerCommands(program, ctx);
  registerActivityCommands(program, ctx);
  registerRolloutCommands(program, ctx);
  registerSignCommands(program, ctx);
}
