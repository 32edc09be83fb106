import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatProblem, loadCatalog, readCatalogFiles, validateCatalogFiles } from "../../src/catalog/index.ts";
import type { Catalog } from "../../src/domain/catalog.ts";
import { CatalogError } from "../../src/domain/errors.ts";
import { createSecretScanner } from "../../src/policy/secrets/index.ts";
import { copyShippedCatalog, REPO_ROOT } from "./helpers.ts";

const scanner = createSecretScanner();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("the shipped catalog", () => {
  it("validates with the real secret scanner and no problems at all", async () => {
    const { catalog, problems } = await validateCatalogFiles(await readCatalogFiles(REPO_ROOT), { scanner });
    expect(problems.map(formatProblem)).toEqual([]);
    expect(catalog.routes.length).toBeGreaterThanOrEqual(17);
    expect(new Set(catalog.routes.map((r) => r.status))).toEqual(new Set(["active", "draft", "retired"]));
  });

  it("has the routes other parts of ops-warden refer to, with the agreed owners and lanes", async () => {
    const catalog: Catalog = await loadCatalog(REPO_ROOT, { scanner });
    const route = (id: string) => catalog.routes.find((r) => r.id === id);
    const shape = (id: string) => {
      const r = route(id);
      return r && { owner: r.owner, lane: r.lane, status: r.status, sensitivity: r.sensitivity };
    };
    expect(shape("ssh-build-hosts")).toEqual({ owner: "ops-warden", lane: "issue", status: "active", sensitivity: [] });
    expect(route("ssh-build-hosts")?.playbook).toBe("playbooks/ssh-certificates.md");
    expect(shape("ssh-production-hosts")).toMatchObject({ owner: "ops-warden", lane: "issue", sensitivity: ["production"] });
    expect(shape("ssh-signing-token")).toMatchObject({ owner: "credential-broker", lane: "owner-native" });
    expect(shape("openbao-ssh-engine")).toMatchObject({ owner: "openbao", lane: "pointer", sensitivity: ["production"] });
    expect(shape("secrets-engine-exec")).toMatchObject({ owner: "secrets-engine", lane: "owner-native", sensitivity: ["secret-material"] });
    expect(shape("db-postgres-credentials")).toMatchObject({ owner: "secrets-engine", lane: "owner-native", sensitivity: ["secret-material"] });
    expect(shape("oidc-ci-roles")).toMatchObject({ owner: "flex-auth", lane: "owner-native" });
    expect(shape("workload-posture")).toMatchObject({ owner: "flex-auth", lane: "owner-native" });
    expect(shape("ops-bridge-tunnel-cert")).toMatchObject({ owner: "ops-bridge", lane: "pointer" });
    expect(shape("api-tokens")).toMatchObject({ owner: "credential-broker", lane: "owner-native" });
    expect(shape("cloud-aws-credentials")).toMatchObject({ owner: "flex-auth", lane: "owner-native" });
    expect(shape("tls-service-certificates")).toMatchObject({ lane: "draft", status: "draft" });
    expect(shape("kubernetes-service-account-tokens")).toMatchObject({ lane: "draft", status: "draft" });
    expect(shape("cloud-static-keys")).toMatchObject({ status: "retired" });
    expect(catalog.owners.map((o) => o.id).sort()).toEqual(["credential-broker", "flex-auth", "openbao", "ops-bridge", "ops-warden", "secrets-engine"]);
  });

  it("gives every active route a playbook with steps", async () => {
    const catalog = await loadCatalog(REPO_ROOT, { scanner });
    for (const route of catalog.routes.filter((r) => r.status === "active")) {
      const playbook = catalog.playbooks.find((p) => p.path === route.playbook);
      expect(playbook?.steps.length, route.id).toBeGreaterThanOrEqual(3);
    }
  });

  it("fails with file and line when a copy has a planted AWS key pair (real scanner)", async () => {
    const copy = await copyShippedCatalog();
    cleanups.push(copy.cleanup);
    // Split so this test file itself never holds the key in one piece.
    const id = ["AKIA", "IOSFODNN7", "EXAMPLE"].join("");
    const secret = ["wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY"].join("/");
    await appendFile(join(copy.root, "catalog", "cloud.yaml"), `# aws_access_key_id = ${id}\n# aws_secret_access_key = ${secret}\n`);
    const { problems } = await validateCatalogFiles(await readCatalogFiles(copy.root), { scanner });
    const lines = problems.map(formatProblem);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^catalog\/cloud\.yaml:\d+: possible secret value/);
    expect(lines.join("\n")).not.toContain(id);
    expect(lines.join("\n")).not.toContain(secret);
    await expect(loadCatalog(copy.root, { scanner })).rejects.toBeInstanceOf(CatalogError);
  });
});
