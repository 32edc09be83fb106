import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.ts";
import { captureIO, copyShippedCatalog, REPO_ROOT } from "./helpers.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function run(argv: string[], cwd = REPO_ROOT) {
  const io = captureIO(cwd);
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

async function brokenCopy(): Promise<string> {
  const copy = await copyShippedCatalog();
  cleanups.push(copy.cleanup);
  const ssh = join(copy.root, "catalog", "ssh.yaml");
  let text = await readFile(ssh, "utf8");
  text = text.replace("owner: credential-broker", "owner: credential-brokr");
  text = text.replace("playbook: playbooks/ssh-production-access.md", "playbook: playbooks/ssh-prod-access.md");
  text += "\n  - id: ssh-build-hosts\n    title: A copy\n    kinds: [x]\n    owner: ops-warden\n    lane: pointer\n    status: draft\n    match: [copied entry]\n";
  await writeFile(ssh, text);
  const key = ["AKIA", "IOSFODNN7", "EXAMPLE"].join("");
  await appendFile(join(copy.root, "catalog", "cloud.yaml"), `# aws_access_key_id = ${key}\n`);
  return copy.root;
}

describe("warden catalog validate", () => {
  it("exits 0 on the shipped catalog with a one-line summary", async () => {
    const { code, out } = await run(["catalog", "validate"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^catalog: \d+ routes, 6 owners, \d+ playbooks, \d+ examples routed — valid\n$/);
  });

  it("exits 1 on a broken copy and names each problem with file and line", async () => {
    const root = await brokenCopy();
    const { code, out } = await run(["catalog", "validate", "--root", root]);
    expect(code).toBe(1);
    expect(out).toMatch(/^catalog\/ssh\.yaml:\d+: routes\[2\]\.owner: unknown owner "credential-brokr" \(did you mean "credential-broker"\?\)$/m);
    expect(out).toMatch(/^catalog\/ssh\.yaml:\d+: routes\[1\]\.playbook: playbook "playbooks\/ssh-prod-access\.md" not found/m);
    expect(out).toMatch(/^catalog\/ssh\.yaml:\d+: routes\[5\]\.id: duplicate route id "ssh-build-hosts" \(first defined at catalog\/ssh\.yaml:\d+\)$/m);
    expect(out).toMatch(/^catalog\/cloud\.yaml:\d+: possible secret value/m);
    expect(out).not.toContain("IOSFODNN7");
    expect(out).toMatch(/— 4 errors/);
  });

  it("prints one JSON document with --json", async () => {
    const root = await brokenCopy();
    const { code, out } = await run(["catalog", "validate", "--json", "--root", root]);
    expect(code).toBe(1);
    const doc = JSON.parse(out) as { valid: boolean; routes: number; owners: number; problems: { file: string; line: number; severity: string }[] };
    expect(doc.valid).toBe(false);
    expect(doc.owners).toBe(6);
    expect(doc.problems.filter((p) => p.severity === "error").map((p) => p.file).sort()).toEqual([
      "catalog/cloud.yaml",
      "catalog/ssh.yaml",
      "catalog/ssh.yaml",
      "catalog/ssh.yaml",
    ]);
    expect(doc.problems.every((p) => Number.isInteger(p.line))).toBe(true);
  });

  it("fails clearly on binary bytes in a catalog file", async () => {
    const copy = await copyShippedCatalog();
    cleanups.push(copy.cleanup);
    await writeFile(join(copy.root, "catalog", "blob.yaml"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]));
    const { code, out } = await run(["catalog", "validate", "--root", copy.root]);
    expect(code).toBe(1);
    expect(out).toContain("catalog/blob.yaml:1: not valid UTF-8 text (binary content?)");
  });

  it("is a usage error when --root is not a directory", async () => {
    const { code, err } = await run(["catalog", "validate", "--root", "no-such-dir-here"]);
    expect(code).toBe(2);
    expect(err).toContain("--root no-such-dir-here: not a directory");
  });
});

describe("warden route", () => {
  it("routes SSH to build hosts to ops-warden, as JSON", async () => {
    const { code, out } = await run(["route", "I need SSH access to build hosts", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { question: string; confident: boolean; matches: Record<string, unknown>[] };
    expect(doc.confident).toBe(true);
    expect(doc.matches[0]).toMatchObject({ id: "ssh-build-hosts", owner: { id: "ops-warden" }, lane: "issue", status: "active", playbook: "playbooks/ssh-certificates.md" });
    expect(doc.matches[0]?.["score"]).toBeGreaterThan(0.8);
    expect(Object.keys(doc.matches[0] ?? {}).sort()).toEqual(["id", "lane", "owner", "playbook", "score", "sensitivity", "status", "steps", "superseded_by", "title", "warnings"]);
    expect((doc.matches[0]?.steps as unknown[]).length).toBe(3);
  });

  it("routes the billing postgres password to secrets-engine and prints no secret", async () => {
    const { code, out } = await run(["route", "how do I get the postgres password for billing"]);
    expect(code).toBe(0);
    expect(out).toContain("route: db-postgres-credentials (confident");
    expect(out).toContain("owner: secrets-engine");
    expect(out).toContain("secrets-engine exec");
    expect(out).not.toMatch(/PGPASSWORD=\S/);
  });

  it("says a question is out of scope when it names no credential need, and exits 0", async () => {
    const { code, out } = await run(["route", "purple elephants juggle bananas"]);
    expect(code).toBe(0);
    expect(out).toContain("ops-warden routes credential needs; this does not look like one.");
    const near = await run(["route", "how much did we spend on AWS last month"]);
    expect(near.out).toContain("this does not look like one");
    expect(near.out).toContain("If it is one, the closest routes are:");
    expect(near.out).toContain("- cloud-aws-credentials:");
    const doc = JSON.parse((await run(["route", "--json", "book a meeting room for Thursday"])).out) as { confident: boolean; out_of_scope: boolean };
    expect(doc).toMatchObject({ confident: false, out_of_scope: true });
  });

  it("offers no production route as a candidate for a question that is not about production", async () => {
    const { out } = await run(["route", "--json", "--top", "5", "ssh into the staging web servers"]);
    const doc = JSON.parse(out) as { out_of_scope: boolean; matches: { id: string; sensitivity: string[] }[] };
    expect(doc.out_of_scope).toBe(false);
    expect(doc.matches[0]?.id).toBe("ssh-build-hosts");
    expect(doc.matches.map((m) => m.id)).not.toContain("ssh-production-hosts");
    const prod = JSON.parse((await run(["route", "--json", "ssh into the production web servers"])).out) as { matches: { id: string }[] };
    expect(prod.matches[0]?.id).toBe("ssh-production-hosts");
  });

  it("joins unquoted words into one question", async () => {
    const { out } = await run(["route", "--json", "mysql", "password", "for", "the", "shop"]);
    expect((JSON.parse(out) as { question: string }).question).toBe("mysql password for the shop");
  });

  it("redacts a secret pasted into the question", async () => {
    const key = ["AKIA", "IOSFODNN7", "EXAMPLE"].join("");
    const { code, out, err } = await run(["route", "--json", `is ${key} a valid aws access key`]);
    expect(code).toBe(0);
    expect(out).not.toContain(key);
    expect(err).toContain("looks like a secret");
  });

  it.each([
    [[""], "the question is empty"],
    [["   "], "the question is empty"],
    [["x".repeat(1024 * 1024)], "the question is 1048576 bytes; the limit is 65536 bytes"],
    [["ssh", "--top", "0"], "--top must be a whole number from 1 to 50"],
    [["ssh", "--top", "many"], "--top must be a whole number from 1 to 50"],
  ])("rejects bad input with a usage error (%#)", async (args, message) => {
    const { code, err } = await run(["route", ...args]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it("fails with exit 1 when the catalog does not validate", async () => {
    const root = await brokenCopy();
    const { code, err } = await run(["route", "ssh", "--root", root]);
    expect(code).toBe(1);
    expect(err).toContain("catalog is invalid (4 errors");
  });
});
