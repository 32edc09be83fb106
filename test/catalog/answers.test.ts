import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatProblem, readCatalogFiles, validateCatalogFiles } from "../../src/catalog/index.ts";
import { runCli } from "../../src/cli/program.ts";
import type { Planner } from "../../src/runtime/planner.ts";
import type { MessagePlan } from "../../src/worker/plan/types.ts";
import { fakeScanner } from "./helpers.ts";
import { captureIO, copyShippedCatalog, REPO_ROOT } from "./helpers.ts";
import { message, shippedPlanner } from "../support/planner.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function route(...args: string[]): Promise<{ code: number; out: string }> {
  const io = captureIO(REPO_ROOT);
  const code = await runCli(["route", ...args], io);
  return { code, out: io.stdout() };
}

interface JsonMatch {
  id: string;
  owner: { id: string; name: string; hub_agent: string | null; contact: string | null };
  sensitivity: string[];
  warnings: string[];
  superseded_by: { id: string } | null;
  steps: { n: number; text: string }[];
}

async function routeJson(question: string): Promise<{ confident: boolean; matches: JsonMatch[] }> {
  const { out } = await route("--json", question);
  return JSON.parse(out) as { confident: boolean; matches: JsonMatch[] };
}

function replyOf(plan: MessagePlan): { route: string; body: string } {
  const action = plan.run.find((a) => a.kind === "answer_route");
  if (!action || action.kind !== "answer_route") throw new Error(`no route answer for ${plan.message_id}: ${plan.run.map((a) => a.kind).join(", ")}`);
  return { route: action.route_id, body: action.reply.body };
}

const samples = async () => {
  const doc = JSON.parse(await readFile(join(REPO_ROOT, "samples", "inbox", "messages.json"), "utf8")) as { messages: Record<string, unknown>[] };
  return new Map(doc.messages.map((m) => [m.id as string, m]));
};

describe("route answers fit the question", () => {
  let planner: Planner;
  beforeAll(async () => {
    planner = await shippedPlanner();
  });

  it("answers a GCP service account key with Google Cloud steps, not AWS ones", async () => {
    const doc = await routeJson("GCP service account key");
    expect(doc.confident).toBe(true);
    expect(doc.matches[0]?.id).toBe("cloud-gcp-credentials");
    const steps = doc.matches[0]?.steps.map((s) => s.text).join("\n") ?? "";
    expect(steps).toContain("--provider gcp");
    expect(steps).not.toMatch(/aws/i);
  });

  it("routes a release-artifact signing token to release signing, not to ops-warden's SSH signing token", async () => {
    const sample = (await samples()).get("msg-0002");
    const plan = await planner.plan(message({ subject: String(sample?.subject), body: String(sample?.body) }));
    expect(replyOf(plan).route).toBe("release-artifact-signing");
    expect((await routeJson("Where do I get the signing token for the v4.12 release artifacts?")).matches[0]?.id).toBe("release-artifact-signing");
  });

  it("never tells the SSH asker to ask ops-warden, and quotes the lifetime step the question asks about", async () => {
    const sample = (await samples()).get("msg-0001");
    const { route: id, body } = replyOf(await planner.plan(message({ subject: String(sample?.subject), body: String(sample?.body) })));
    expect(id).toBe("ssh-build-hosts");
    expect(body).not.toMatch(/ask ops-warden|ops-warden on the State Hub/i);
    expect(body).toMatch(/^4\. .*Certificates last 8 hours/m);
    // A question that asks nothing in particular gets the first three steps only.
    const plain = replyOf(await planner.plan(message({ subject: "ssh", body: "I need SSH access to build hosts" }))).body;
    expect(plain).toMatch(/^3\. /m);
    expect(plain).not.toMatch(/^4\. /m);
  });

  it("gives a follow-up in an answered thread a short 'same route as before' reply", async () => {
    const first = message({ thread_id: "thr-follow", created_at: "2026-11-20T08:02:00Z", subject: "SSH access to the build hosts", body: "I need SSH access to the build hosts." });
    const follow = message({
      thread_id: "thr-follow",
      created_at: "2026-11-20T09:58:00Z",
      subject: "Re: SSH access to the build hosts",
      body: "Follow-up: the weekend runner uses the same hosts but a different service account. Same route, or do we need a separate principal on the certificate?",
    });
    const fresh = await shippedPlanner();
    const a = replyOf(await fresh.plan(first));
    const b = replyOf(await fresh.plan(follow));
    expect(b.route).toBe(a.route);
    expect(b.body).not.toBe(a.body);
    expect(b.body).toMatch(/^Same route as before in this thread: SSH access to build hosts \(ssh-build-hosts\)\./);
    expect(b.body).toContain("principal");
    expect(b.body.split("\n").length).toBeLessThan(a.body.split("\n").length);
    // Planning the first message again (next tick, still unread) does not count itself.
    expect(replyOf(await fresh.plan(first)).body).toBe(a.body);
    // Another thread is not a follow-up.
    expect(replyOf(await fresh.plan({ ...follow, id: "msg-other", thread_id: "thr-other" })).body).not.toMatch(/^Same route/);
  });

  it("flags a draft route the same way in `warden route` and in the worker's reply", async () => {
    const { out } = await route("kubernetes service account token for a cluster");
    const warning = "Draft: this lane is not ready yet; confirm with the owner before relying on it.";
    expect(out).toContain(warning);
    const plan = await planner.plan(message({ subject: "k8s", body: "How do I get a kubernetes service account token for a cluster?" }));
    expect(replyOf(plan).body).toContain(warning);
  });

  it("names the successor of a retired route in text and JSON", async () => {
    const { out } = await route("--top", "2", "iam user access key for a legacy job");
    expect(out).toContain("Retired: use AWS credentials (cloud-aws-credentials) instead.");
    expect(out).not.toContain("the active route it points to");
    const doc = await routeJson("iam user access key for a legacy job");
    expect(doc.matches.find((m) => m.id === "cloud-static-keys")?.superseded_by?.id).toBe("cloud-aws-credentials");
  });

  it("says each owner fact once", async () => {
    const { out } = await route("I need SSH access to build hosts");
    expect(out).toContain("owner: ops-warden · #ops-warden (chat)");
    const { body } = replyOf(await planner.plan(message({ subject: "ssh", body: "I need SSH access to build hosts" })));
    expect(body).toContain("Owner: ops-warden · #ops-warden (chat)\n");
    expect((await route("openbao ssh engine roles")).out).toContain("owner: OpenBao · #platform-openbao (chat)");
  });

  it("carries sensitivity and contact in --json as in the text", async () => {
    const question = "how do I get the postgres password for billing";
    const { out } = await route(question);
    expect(out).toContain("sensitivity: secret-material");
    expect(out).toContain("#secrets-engine (chat)");
    const top = (await routeJson(question)).matches[0];
    expect(top?.sensitivity).toEqual(["secret-material"]);
    expect(top?.owner.contact).toBe("#secrets-engine (chat)");
  });
});

describe("catalog validate runs every route's examples", () => {
  it("reports a route whose example no longer routes to it, with file and line", async () => {
    const copy = await copyShippedCatalog();
    cleanups.push(copy.cleanup);
    const file = join(copy.root, "catalog", "cloud.yaml");
    // An example that asks for another route's credential is caught, and the route it went to named.
    const text = (await readFile(file, "utf8")).replace('"GCP service account key"', '"AWS credentials for an S3 bucket"');
    await writeFile(file, text);
    const { problems } = await validateCatalogFiles(await readCatalogFiles(copy.root), { scanner: fakeScanner });
    const lines = problems.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(/^catalog\/cloud\.yaml:\d+: routes\[1\]\.examples\[0\]: example "AWS credentials for an S3 bucket" no longer routes here: it routes to "cloud-aws-credentials"/));
  });

  it("checks aliases like examples: each alone must rank its route first, and belong to one live route", async () => {
    const copy = await copyShippedCatalog();
    cleanups.push(copy.cleanup);
    const file = join(copy.root, "catalog", "secrets.yaml");
    // "postgres" is the Postgres route's alias already.
    const text = (await readFile(file, "utf8")).replace("    aliases: [redis, mongodb,", "    aliases: [postgres, redis, mongodb,");
    await writeFile(file, text);
    const lines = (await validateCatalogFiles(await readCatalogFiles(copy.root), { scanner: fakeScanner })).problems.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(/^catalog\/secrets\.yaml:\d+: routes\[0\]\.aliases\[0\]: alias "postgres" does not route here: it routes to "db-postgres-credentials"/));
    expect(lines).toContainEqual(expect.stringMatching(/^catalog\/secrets\.yaml:\d+: routes\[1\]\.aliases\[0\]: alias "postgres" is already a phrase of route "secrets-engine-exec"/));
  });

  it("checks superseded_by and step selections", async () => {
    const copy = await copyShippedCatalog();
    cleanups.push(copy.cleanup);
    const file = join(copy.root, "catalog", "cloud.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("superseded_by: cloud-aws-credentials", "superseded_by: cloud-aws-credential"));
    const ssh = join(copy.root, "catalog", "ssh.yaml");
    await writeFile(ssh, (await readFile(ssh, "utf8")).replace("steps: [1, 2]", "steps: [1, 9]"));
    const lines = (await validateCatalogFiles(await readCatalogFiles(copy.root), { scanner: fakeScanner })).problems.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(/^catalog\/cloud\.yaml:\d+: routes\[2\]\.superseded_by: superseded_by names unknown route "cloud-aws-credential"$/));
    expect(lines).toContainEqual(expect.stringMatching(/^catalog\/ssh\.yaml:\d+: routes\[\d\]\.steps\[1\]: step 9 does not exist: playbooks\/openbao-ssh-engine\.md has 4 numbered steps$/));
  });

  it("warns about a step that sends the reader back to ops-warden", async () => {
    const copy = await copyShippedCatalog();
    cleanups.push(copy.cleanup);
    const file = join(copy.root, "playbooks", "ssh-certificates.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("2. Reply in the thread where you asked for access", "2. Ask ops-warden on the State Hub"));
    const lines = (await validateCatalogFiles(await readCatalogFiles(copy.root), { scanner: fakeScanner })).problems.map(formatProblem);
    expect(lines).toContain("playbooks/ssh-certificates.md: warning: step 2 tells the reader to ask ops-warden, who is the one answering; say what to send instead");
  });

  it("every live shipped route has examples", async () => {
    const { catalog } = await validateCatalogFiles(await readCatalogFiles(REPO_ROOT), { scanner: fakeScanner });
    const missing = catalog.routes.filter((r) => !r.examples || r.examples.length === 0).map((r) => r.id);
    expect(missing).toEqual([]);
  });
});
