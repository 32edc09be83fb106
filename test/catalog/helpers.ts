import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SecretFinding, SecretScanner } from "../../src/domain/secrets.ts";
import type { CliIO } from "../../src/cli/io.ts";
import type { BrainContext } from "../../src/brain/brain.ts";
import { buildRouteIndex, loadCatalog, readCatalogFiles } from "../../src/catalog/index.ts";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURES = join(REPO_ROOT, "test", "fixtures", "catalog");

/** A stand-in scanner for unit tests: flags AWS access key ids only, by position. */
export const fakeScanner: SecretScanner = {
  scan(text: string): Promise<SecretFinding[]> {
    const findings: SecretFinding[] = [];
    for (const m of text.matchAll(/AKIA[0-9A-Z]{16}/g)) findings.push({ rule: "fake/aws-key", start: m.index, end: m.index + m[0].length });
    return Promise.resolve(findings);
  },
};

/** A copy of the shipped catalog and playbooks in a fresh temp dir; `cleanup` removes it. */
export async function copyShippedCatalog(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "warden-catalog-"));
  await cp(join(REPO_ROOT, "catalog"), join(root, "catalog"), { recursive: true });
  await cp(join(REPO_ROOT, "playbooks"), join(root, "playbooks"), { recursive: true });
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export interface CapturedIO extends CliIO {
  stdout: () => string;
  stderr: () => string;
}

export function captureIO(cwd: string = REPO_ROOT): CapturedIO {
  let out = "";
  let err = "";
  return {
    out: (t) => void (out += t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => void (err += t.endsWith("\n") ? t : `${t}\n`),
    // The test file's temporary state dir (test/support/state-dir-setup.ts), never the repository's .warden/.
    env: { WARDEN_STATE_DIR: process.env.WARDEN_STATE_DIR },
    cwd,
    stdout: () => out,
    stderr: () => err,
  };
}

/** Builds an in-memory file map from a record, the shape `validateCatalogFiles` takes. */
export function filesOf(record: Record<string, string | Uint8Array>): Map<string, string | Uint8Array> {
  return new Map(Object.entries(record));
}

export const OWNERS_YAML = `owners:
  - id: ops-warden
    name: ops-warden
    hub_agent: ops-warden
  - id: secrets-engine
    name: secrets-engine
    hub_agent: secrets-engine
`;

export const PLAYBOOK_MD = `---
id: ssh-certificates
title: SSH certificates
owner: ops-warden
lane: issue
routes: [ssh-build-hosts]
---

1. Reply with your public key.
2. Save the certificate.
`;

export const SSH_YAML = `# SSH routes
routes:
  - id: ssh-build-hosts
    title: SSH access to build hosts
    kinds: [ssh-certificate]
    owner: ops-warden
    lane: issue
    status: active
    match:
      - ssh access to build hosts
      - ssh certificate
    playbook: playbooks/ssh-certificates.md
    ssh:
      principals: [builder]
      max_ttl: 8h
      role: build-hosts
`;

/** A small valid catalog; tests break one thing at a time. */
export function smallCatalog(overrides: Record<string, string | Uint8Array> = {}): Map<string, string | Uint8Array> {
  return filesOf({
    "catalog/owners.yaml": OWNERS_YAML,
    "catalog/ssh.yaml": SSH_YAML,
    "playbooks/ssh-certificates.md": PLAYBOOK_MD,
    ...overrides,
  });
}

/** What a brain sees of the shipped catalog: the loaded catalog, its route index and its files' text. */
export async function shippedBrainContext(): Promise<BrainContext> {
  const catalog = await loadCatalog(REPO_ROOT, { scanner: fakeScanner });
  const files = await readCatalogFiles(REPO_ROOT);
  const text = (path: string) => {
    const value = files.get(path);
    return value === undefined ? undefined : typeof value === "string" ? value : new TextDecoder().decode(value);
  };
  return { index: buildRouteIndex(catalog.routes, catalog.playbooks, catalog.owners), catalog, fileText: text };
}
