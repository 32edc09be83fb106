import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { diffLines } from "diff";
import { describe, expect, it } from "vitest";
import { applyCatalogEdit, catalogFileFor, newCatalogFileText, validateCatalogFiles } from "../../src/catalog/index.ts";
import type { RouteInput } from "../../src/domain/catalog.ts";
import { CatalogError } from "../../src/domain/errors.ts";
import { fakeScanner, FIXTURES, smallCatalog } from "./helpers.ts";

const EDIT = join(FIXTURES, "edit");
const fixture = (): Promise<string> => readFile(join(EDIT, "ssh.yaml"), "utf8");
const snapshot = (name: string): string => join(EDIT, "__snapshots__", name);

const NEW_ROUTE: RouteInput = {
  id: "ssh-bastion-hosts",
  title: "SSH access to bastion hosts",
  summary: "Certificates for the bastions in front of every production region, issued like the build-host ones.",
  kinds: ["ssh-certificate"],
  owner: "ops-warden",
  lane: "issue",
  status: "draft",
  match: ["ssh access to bastion hosts", "bastion ssh"],
  sensitivity: ["production"],
};

/** Lines removed and added by an edit, ignoring the ones it kept. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    if (part.removed) removed.push(...lines);
    if (part.added) added.push(...lines);
  }
  return { removed, added };
}

const comments = (text: string): string[] => text.split("\n").filter((l) => l.trimStart().startsWith("#"));

describe("applyCatalogEdit", () => {
  it("adds an entry after the last one, keeping every byte before it and the closing comment", async () => {
    const before = await fixture();
    const after = applyCatalogEdit(before, { op: "add", entry: NEW_ROUTE });
    await expect(after).toMatchFileSnapshot(snapshot("add.yaml"));
    expect(changedLines(before, after).removed).toEqual([]);
    expect(comments(after)).toEqual(comments(before));
    expect(after.trimEnd().endsWith("# End of the routes.")).toBe(true);
  });

  it("updates only the keys that change, in the style the file used", async () => {
    const before = await fixture();
    const entry: RouteInput = {
      id: "ssh-build-hosts",
      title: "SSH access to the build hosts",
      summary: "Short-lived certificates for the build fleet, folded over two lines on purpose.",
      kinds: ["ssh-certificate", "ssh-principal"],
      owner: "ops-warden",
      lane: "issue",
      status: "active",
      match: ["ssh access to build hosts", "ssh certificate", "build host ssh"],
      playbook: "playbooks/ssh-certificates.md",
    };
    const after = applyCatalogEdit(before, { op: "update", entry });
    await expect(after).toMatchFileSnapshot(snapshot("update.yaml"));
    expect(changedLines(before, after)).toEqual({
      removed: ['    title: "SSH access to build hosts"', "    kinds: [ssh-certificate]"],
      added: ['    title: "SSH access to the build hosts"', "    kinds: [ssh-certificate, ssh-principal]", "      - build host ssh"],
    });
  });

  it("removes keys the update leaves out and adds new ones after their predecessor", async () => {
    const before = await fixture();
    const entry: RouteInput = {
      id: "ssh-production-hosts",
      title: "SSH access to production hosts",
      summary: "Production principals only.",
      kinds: ["ssh-certificate"],
      owner: "ops-warden",
      lane: "issue",
      status: "active",
      match: ["ssh access to production hosts"],
      playbook: "playbooks/ssh-certificates.md",
    };
    const after = applyCatalogEdit(before, { op: "update", entry });
    expect(changedLines(before, after)).toEqual({
      removed: ["    sensitivity: [production]"],
      added: ["    summary: Production principals only."],
    });
    expect(after).toContain("    title: SSH access to production hosts\n    summary: Production principals only.\n    kinds:");
  });

  it("retires by changing the status value only, keeping its trailing comment", async () => {
    const before = await fixture();
    const after = applyCatalogEdit(before, { op: "retire", route_id: "ssh-build-hosts" });
    await expect(after).toMatchFileSnapshot(snapshot("retire.yaml"));
    expect(changedLines(before, after)).toEqual({
      removed: ["    status: active # reviewed 2024-05"],
      added: ["    status: retired # reviewed 2024-05"],
    });
    expect(applyCatalogEdit(after, { op: "retire", route_id: "ssh-build-hosts" })).toBe(after);
  });

  it("starts a new file from its header, and turns `routes: []` into a block list", async () => {
    const created = applyCatalogEdit("", { op: "add", entry: NEW_ROUTE });
    expect(created.startsWith(newCatalogFileText("ops-warden").split("\n")[0] ?? "")).toBe(true);
    await expect(created).toMatchFileSnapshot(snapshot("new-file.yaml"));
    const second = applyCatalogEdit(created, { op: "add", entry: { ...NEW_ROUTE, id: "ssh-jump-hosts", match: ["jump host ssh"] } });
    expect(second.startsWith(created)).toBe(true);
  });

  it("keeps CRLF line endings", async () => {
    const before = (await fixture()).replace(/\n/g, "\r\n");
    const after = applyCatalogEdit(before, { op: "add", entry: NEW_ROUTE });
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    const retired = applyCatalogEdit(after, { op: "retire", route_id: "ssh-bastion-hosts" });
    expect(retired.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("throws a CatalogError for a missing or taken id, an invalid entry or broken YAML", async () => {
    const text = await fixture();
    const attempt = (fn: () => unknown): unknown => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const cases = [
      () => applyCatalogEdit(text, { op: "add", entry: { ...NEW_ROUTE, id: "ssh-build-hosts" } }),
      () => applyCatalogEdit(text, { op: "update", entry: { ...NEW_ROUTE, id: "nope" } }),
      () => applyCatalogEdit(text, { op: "retire", route_id: "nope" }),
      () => applyCatalogEdit(text, { op: "add", entry: { ...NEW_ROUTE, lane: "sideways" as "issue" } }),
      () => applyCatalogEdit("routes:\n  - id: [\n", { op: "retire", route_id: "x" }),
    ];
    const messages = cases.map((fn) => attempt(fn)).map((e) => (e instanceof CatalogError ? e.message : `not a CatalogError: ${String(e)}`));
    expect(messages).toEqual([
      'cannot add route "ssh-build-hosts": a route with this id already exists',
      'cannot update route "nope": no route with this id in the file',
      'cannot retire route "nope": no route with this id in the file',
      expect.stringMatching(/^invalid route entry: lane: /),
      expect.stringMatching(/^cannot edit: the file is not valid YAML/),
    ]);
  });
});

describe("catalogFileFor", () => {
  const files = smallCatalog({
    "catalog/more-ssh.yaml": "routes:\n  - id: other\n    title: Other\n    kinds: [x]\n    owner: secrets-engine\n    lane: pointer\n    status: draft\n    match: [other thing]\n",
  });

  it("picks the file holding the id for update and retire", () => {
    expect(catalogFileFor(files, { op: "retire", route_id: "other" })).toBe("catalog/more-ssh.yaml");
    expect(catalogFileFor(files, { op: "update", entry: { ...NEW_ROUTE, id: "ssh-build-hosts" } })).toBe("catalog/ssh.yaml");
  });

  it("adds to the file with the owner's routes, else to catalog/<owner>.yaml", () => {
    expect(catalogFileFor(files, { op: "add", entry: NEW_ROUTE })).toBe("catalog/ssh.yaml");
    expect(catalogFileFor(files, { op: "add", entry: { ...NEW_ROUTE, owner: "flex-auth" } })).toBe("catalog/flex-auth.yaml");
    expect(catalogFileFor(files, { op: "add", entry: { ...NEW_ROUTE, owner: "owners" } })).toBe("catalog/owners-routes.yaml");
  });

  it("refuses an add whose id exists anywhere and an update of an unknown id", () => {
    expect(() => catalogFileFor(files, { op: "add", entry: { ...NEW_ROUTE, id: "other" } })).toThrow(CatalogError);
    expect(() => catalogFileFor(files, { op: "retire", route_id: "missing" })).toThrow(/no catalog file holds/);
  });

  it("produces files that validate with the rest of the catalog", async () => {
    const target = catalogFileFor(files, { op: "add", entry: { ...NEW_ROUTE, owner: "secrets-engine" } });
    const after = applyCatalogEdit(String(files.get(target) ?? ""), { op: "add", entry: { ...NEW_ROUTE, owner: "secrets-engine" } });
    const merged = new Map(files).set(target, after);
    const { problems } = await validateCatalogFiles(merged, { scanner: fakeScanner });
    expect(problems).toEqual([]);
  });
});
