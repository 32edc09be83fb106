/**
 * SSH lane figures: in-process signing with the local CA; a worker tick that plans, signs and
 * replies to certificate requests (real audit trail as the signatures log); and `warden sign`
 * as a process (start-up included). Prints; asserts nothing.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { localCaSigner } from "../src/adapters/ssh/local-ca.ts";
import { DEFAULT_CONFIG } from "../src/config/schema.ts";
import { buildSshLane } from "../src/runtime/ssh.ts";
import { REPO_ROOT } from "../test/catalog/helpers.ts";
import { executorWorld } from "../test/support/executor-world.ts";
import { message } from "../test/support/planner.ts";
import { sshKeys } from "../test/support/ssh.ts";

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function main(): Promise<void> {
  const keys = await sshKeys();
  try {
    const signer = localCaSigner(keys.caKeyFile);
    const user = await keys.user("bench");
    const times: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const start = performance.now();
      await signer.sign({ publicKey: user.line, principals: ["builder"], ttlSeconds: 3600, keyId: "bench", role: "r" });
      times.push(performance.now() - start);
    }
    console.log(`local CA, in process: 200 signatures, p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}`);

    const n = 20;
    const users = await Promise.all(Array.from({ length: n }, (_, i) => keys.user(`tick-${i}`)));
    const world = await executorWorld({ messages: users.map((u, i) => message({ id: `m-${i}`, thread_id: `t-${i}`, subject: "Re: route ssh-build-hosts", body: u.line })) });
    const lane = buildSshLane({ root: keys.dir, env: { WARDEN_SSH_CA_KEY: keys.caKeyFile }, config: DEFAULT_CONFIG, mode: "manual" });
    const start = performance.now();
    const { result } = await world.tick({ ssh: lane });
    const tick = performance.now() - start;
    await world.cleanup();
    console.log(`worker tick: ${n} certificate requests planned, signed and answered in ${ms(tick)} (${ms(tick / n)} per request; ${result.summary.executed} actions executed)`);

    const cli: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const key = await keys.user(`cli-${i}`);
      const start = performance.now();
      execFileSync(process.execPath, [join(REPO_ROOT, "bin", "warden.js"), "sign", "--route", "ssh-build-hosts", "--principal", "builder", "--root", REPO_ROOT, key.publicFile], {
        env: { ...process.env, WARDEN_SSH_CA_KEY: keys.caKeyFile, WARDEN_STATE_DIR: join(keys.dir, "state") },
        stdio: "ignore",
      });
      cli.push(performance.now() - start);
    }
    console.log(`warden sign (a process, start-up included): ${cli.map(ms).join(", ")}`);
  } finally {
    await keys.cleanup();
  }
}
