/**
 * Deterministic generated catalogs for benchmarks: routes in memory, or a whole repository tree
 * (owners, routes, playbooks) on disk that passes `warden catalog validate`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import type { Route } from "../../src/domain/catalog.ts";

/** Small deterministic PRNG so every run measures the same catalogs and questions. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ["ka", "lo", "mi", "ta", "ren", "vo", "sul", "dri", "pex", "nor", "qua", "zel", "bri", "tho", "gan", "fi"];
export const KINDS = ["password", "token", "certificate", "api-key", "role", "ssh-key", "tls-cert", "oidc-role", "bucket-access", "db-user"];
const LANES = ["issue", "owner-native", "pointer", "draft"] as const;
const OWNERS = 40;
const PLAYBOOKS = 8;

/** 3–4 syllables: ~70,000 possible names, so a large catalog still has distinctive system names. */
export function word(rand: () => number): string {
  const n = 3 + Math.floor(rand() * 2);
  return Array.from({ length: n }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join("");
}

export function generateRoutes(size: number, rand: () => number): Route[] {
  const systems = Array.from({ length: Math.max(10, size / 4) }, () => word(rand));
  return Array.from({ length: size }, (_, i) => {
    const system = systems[i % systems.length] ?? "sys";
    const kind = KINDS[i % KINDS.length] ?? "token";
    const extra = word(rand);
    const status = i % 50 === 0 ? "retired" : i % 10 === 0 ? "draft" : "active";
    return {
      id: `${system}-${kind}-${i}`,
      title: `${kind.replace("-", " ")} for ${system} ${extra}`,
      summary: `How ${system} hands out ${kind} credentials for the ${extra} service, and who to ask.`,
      kinds: [kind],
      owner: `owner-${i % OWNERS}`,
      lane: LANES[i % LANES.length] ?? "pointer",
      status,
      // The route number keeps every phrase unique, as validation demands.
      match: [`${system} ${kind.replace("-", " ")} ${i}`, `${extra} ${system} access ${i}`, `${word(rand)} ${extra} ${kind} ${i}`],
      playbook: `playbooks/generated-${i % PLAYBOOKS}.md`,
      sensitivity: [],
    } satisfies Route;
  });
}

/** Writes `routes` as a repository tree under `root`: catalog/owners.yaml, catalog/generated.yaml, playbooks. */
export async function writeCatalogTree(root: string, routes: readonly Route[]): Promise<void> {
  await mkdir(join(root, "catalog"), { recursive: true });
  await mkdir(join(root, "playbooks"), { recursive: true });
  const owners = Array.from({ length: OWNERS }, (_, i) => ({ id: `owner-${i}`, name: `Owner ${i}`, hub_agent: `owner-${i}` }));
  await writeFile(join(root, "catalog", "owners.yaml"), stringify({ owners }));
  await writeFile(join(root, "catalog", "generated.yaml"), stringify({ routes }));
  for (let i = 0; i < PLAYBOOKS; i += 1) {
    const front = stringify({ id: `generated-${i}`, title: `Generated lane ${i}`, owner: `owner-${i}`, lane: "owner-native", routes: [] });
    const steps = ["Ask the owner on the State Hub, naming the system and the access you need.", "Follow the owner's own exec path.", "Check the result with the owner's status command."];
    await writeFile(join(root, "playbooks", `generated-${i}.md`), `---\n${front}---\n\n# Generated lane ${i}\n\n${steps.map((s, n) => `${n + 1}. ${s}`).join("\n")}\n`);
  }
}
