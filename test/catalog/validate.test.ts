import { describe, expect, it } from "vitest";
import { formatProblem, validateCatalogFiles } from "../../src/catalog/index.ts";
import type { CatalogProblem } from "../../src/catalog/index.ts";
import { fakeScanner, OWNERS_YAML, smallCatalog, SSH_YAML } from "./helpers.ts";

async function problemsOf(files: Map<string, string | Uint8Array>): Promise<string[]> {
  const { problems } = await validateCatalogFiles(files, { scanner: fakeScanner });
  return problems.map(formatProblem);
}

const SECOND_ROUTE = (fields: string): string => `
  - id: db-postgres-credentials
    title: Postgres credentials
    kinds: [database-password]
${fields}`;

describe("validateCatalogFiles", () => {
  it("accepts a small valid catalog and returns its entries", async () => {
    const { catalog, problems } = await validateCatalogFiles(smallCatalog(), { scanner: fakeScanner });
    expect(problems).toEqual([]);
    expect(catalog.routes.map((r) => r.id)).toEqual(["ssh-build-hosts"]);
    expect(catalog.owners.map((o) => o.id)).toEqual(["ops-warden", "secrets-engine"]);
    expect(catalog.playbooks[0]?.steps).toEqual(["Reply with your public key.", "Save the certificate."]);
  });

  it("names file, line and field for an unknown owner, with a suggestion", async () => {
    const yaml = SSH_YAML + SECOND_ROUTE("    owner: secret-engine\n    lane: owner-native\n    status: draft\n    match: [postgres password]\n");
    expect(await problemsOf(smallCatalog({ "catalog/ssh.yaml": yaml }))).toEqual([
      'catalog/ssh.yaml:21: routes[1].owner: unknown owner "secret-engine" (did you mean "secrets-engine"?)',
    ]);
  });

  it("maps schema errors to the line of the field, root causes only", async () => {
    const yaml = SSH_YAML.replace("lane: issue", "lane: isue").replace("    owner: ops-warden\n", "").replace("kinds: [ssh-certificate]", "kinds: [ssh-certificate]\n    onwer: ops-warden");
    // The misspelt `onwer` is the cause: `owner` is not also "missing", and the playbook's
    // reference to the route that failed its schema is not also an "unknown route".
    expect(await problemsOf(smallCatalog({ "catalog/ssh.yaml": yaml }))).toEqual([
      'catalog/ssh.yaml:6: routes[0].onwer: unknown field (did you mean "owner"?)',
      'catalog/ssh.yaml:7: routes[0].lane: "isue" is not allowed; expected one of "issue", "owner-native", "pointer", "draft" (did you mean "issue"?)',
    ]);
  });

  it("names a missing required field instead of saying `undefined is not allowed`", async () => {
    const yaml = SSH_YAML.replace("    lane: issue\n", "").replace("    owner: ops-warden\n", "");
    expect(await problemsOf(smallCatalog({ "catalog/ssh.yaml": yaml }))).toEqual([
      "catalog/ssh.yaml:3: routes[0].lane: required field `lane` is missing (one of \"issue\", \"owner-native\", \"pointer\", \"draft\")",
      "catalog/ssh.yaml:3: routes[0].owner: required field `owner` is missing (expected string)",
    ]);
  });

  it("still reports a reference to a route that is not in any file", async () => {
    const playbook = PLAYBOOK_WITH("lane: issue").replace("routes: [ssh-build-hosts]", "routes: [ssh-build-hosts, ssh-bulid-hosts]");
    expect(await problemsOf(smallCatalog({ "playbooks/ssh-certificates.md": playbook }))).toContain('playbooks/ssh-certificates.md:6: routes[1]: unknown route "ssh-bulid-hosts" (did you mean "ssh-build-hosts"?)');
  });

  it("reports YAML syntax errors with their line instead of throwing", async () => {
    const problems = await problemsOf(smallCatalog({ "catalog/ssh.yaml": "routes:\n  - id: a\n    id: b\n" }));
    expect(problems[0]).toMatch(/^catalog\/ssh\.yaml:3: YAML: Map keys must be unique/);
  });

  it("finds duplicate ids across files and points at the first one", async () => {
    const other = `routes:\n  - id: ssh-build-hosts\n    title: Copy\n    kinds: [x]\n    owner: ops-warden\n    lane: pointer\n    status: draft\n    match: [copied route phrase]\n`;
    expect(await problemsOf(smallCatalog({ "catalog/zz.yaml": other }))).toEqual([
      'catalog/zz.yaml:2: routes[0].id: duplicate route id "ssh-build-hosts" (first defined at catalog/ssh.yaml:3)',
    ]);
  });

  it("requires referenced playbooks to exist and active routes to have one", async () => {
    const missing = SSH_YAML.replace("playbooks/ssh-certificates.md", "playbooks/ssh-certificate.md");
    expect(await problemsOf(smallCatalog({ "catalog/ssh.yaml": missing }))).toContain(
      'catalog/ssh.yaml:12: routes[0].playbook: playbook "playbooks/ssh-certificate.md" not found (did you mean "playbooks/ssh-certificates.md"?)',
    );
    const none = SSH_YAML.replace("    playbook: playbooks/ssh-certificates.md\n", "");
    expect(await problemsOf(smallCatalog({ "catalog/ssh.yaml": none }))).toContain(
      "catalog/ssh.yaml:3: routes[0]: an active route needs a playbook (playbooks/<name>.md)",
    );
  });

  it("rejects the same match phrase on two live routes, after normalisation", async () => {
    const yaml = SSH_YAML + SECOND_ROUTE("    owner: secrets-engine\n    lane: owner-native\n    status: draft\n    match:\n      - SSH Certificates!\n");
    expect(await problemsOf(smallCatalog({ "catalog/ssh.yaml": yaml }))).toEqual([
      'catalog/ssh.yaml:25: routes[1].match[0]: match phrase "SSH Certificates!" is already a phrase of route "ssh-build-hosts" (catalog/ssh.yaml:11)',
    ]);
    const retired = yaml.replace("status: draft", "status: retired");
    expect(await problemsOf(smallCatalog({ "catalog/ssh.yaml": retired }))).toEqual([]);
  });

  it("rejects a phrase made only of filler words", async () => {
    const yaml = SSH_YAML.replace("      - ssh certificate\n", "      - how do I\n");
    expect(await problemsOf(smallCatalog({ "catalog/ssh.yaml": yaml }))).toEqual([
      'catalog/ssh.yaml:11: routes[0].match[1]: match phrase "how do I" has no searchable words (only filler words or punctuation)',
    ]);
  });

  it("checks playbook front matter: schema, owner, routes and file name", async () => {
    const bad = "---\nid: other-name\ntitle: SSH certificates\nowner: opswarden\nlane: issue\nroutes: [ssh-build-host]\n---\n1. Step.\n";
    expect(await problemsOf(smallCatalog({ "playbooks/ssh-certificates.md": bad }))).toEqual([
      'playbooks/ssh-certificates.md:2: id: id "other-name" must match the file name ("ssh-certificates")',
      'playbooks/ssh-certificates.md:4: owner: unknown owner "opswarden" (did you mean "ops-warden"?)',
      'playbooks/ssh-certificates.md:6: routes[0]: unknown route "ssh-build-host" (did you mean "ssh-build-hosts"?)',
    ]);
    const noFrontMatter = await problemsOf(smallCatalog({ "playbooks/ssh-certificates.md": "# Just a title\n1. Step\n" }));
    expect(noFrontMatter).toEqual(["playbooks/ssh-certificates.md:1: missing YAML front matter (a `---` block with id, title, owner, lane, routes)"]);
    const badLane = PLAYBOOK_WITH("lane: sideways");
    expect(await problemsOf(smallCatalog({ "playbooks/ssh-certificates.md": badLane }))).toEqual([
      'playbooks/ssh-certificates.md:5: lane: "sideways" is not allowed; expected one of "issue", "owner-native", "pointer", "draft"',
    ]);
  });

  it("turns binary or non-UTF-8 content into a clear problem, not a crash", async () => {
    const binary = new Uint8Array([0x72, 0x6f, 0x75, 0x74, 0x65, 0x73, 0x3a, 0x0a, 0xff, 0xfe, 0x00, 0x01]);
    expect(await problemsOf(smallCatalog({ "catalog/blob.yaml": binary }))).toEqual([
      "catalog/blob.yaml:2: not valid UTF-8 text (binary content?); catalog and playbook files must be UTF-8",
    ]);
    const nul = Buffer.from("routes: []\n\u0000\u0001\u0002", "utf8");
    expect(await problemsOf(smallCatalog({ "catalog/nul.yaml": nul }))).toEqual([
      "catalog/nul.yaml:2: contains binary data (a NUL byte); catalog and playbook files must be text",
    ]);
  });

  it("reports a secret by file, line and rule, never by value", async () => {
    const key = "AKIA" + "ABCDEFGHIJKLMNOP";
    const yaml = SSH_YAML.replace("# SSH routes", `# SSH routes\n# leaked: ${key}`);
    const { problems } = await validateCatalogFiles(smallCatalog({ "catalog/ssh.yaml": yaml }), { scanner: fakeScanner });
    const secret = problems.find((p: CatalogProblem) => p.message.startsWith("possible secret"));
    expect(secret).toMatchObject({ file: "catalog/ssh.yaml", line: 2, severity: "error" });
    expect(JSON.stringify(problems)).not.toContain(key);
  });

  it("requires the owners registry", async () => {
    const files = smallCatalog();
    files.delete("catalog/owners.yaml");
    expect(await problemsOf(files)).toEqual([
      "catalog/owners.yaml: owners registry not found; every route's owner must be listed in an `owners:` list here",
    ]);
  });

  it("warns about files that are not catalog files and skips them", async () => {
    const { problems } = await validateCatalogFiles(smallCatalog({ "notes/todo.txt": "x" }), { scanner: fakeScanner });
    expect(problems.map(formatProblem)).toEqual(["notes/todo.txt: warning: not a catalog file (catalog/*.yaml or playbooks/*.md); ignored"]);
  });

  it("rejects owners with a bad shape on the right line", async () => {
    const owners = `${OWNERS_YAML}  - id: Bad Owner\n    name: x\n`;
    expect(await problemsOf(smallCatalog({ "catalog/owners.yaml": owners }))).toEqual([
      "catalog/owners.yaml:8: owners[2].id: must be lowercase words joined by dashes (e.g. ssh-build-hosts)",
      "catalog/owners.yaml:8: owners[2].hub_agent: required field `hub_agent` is missing (expected string)",
      "catalog/owners.yaml:9: owners[2].name: too short (at least 2 characters)",
    ]);
  });
});

function PLAYBOOK_WITH(line: string): string {
  return `---\nid: ssh-certificates\ntitle: SSH certificates\nowner: ops-warden\n${line}\nroutes: [ssh-build-hosts]\n---\n1. Step.\n`;
}
