import { generateKeyPairSync } from "node:crypto";
import sshpk from "sshpk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateCatalogFiles } from "../../src/catalog/index.ts";
import type { Catalog } from "../../src/domain/catalog.ts";
import { judgeIssueSshCertificate } from "../../src/policy/judge/issue-ssh-certificate.ts";
import { messageKey } from "../../src/policy/ssh-keys.ts";
import { fakeScanner, smallCatalog } from "../catalog/helpers.ts";
import { message, ScriptedBrain, shippedPlanner } from "../support/planner.ts";
import type { SshKeys } from "../support/ssh.ts";
import { sshKeys } from "../support/ssh.ts";

let keys: SshKeys;

/** An RSA public key line of `bits` (sshpk generates no RSA keys; node:crypto does). */
function rsaLine(bits: number): string {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: bits, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  return sshpk.parseKey(publicKey, "pem").toString("ssh");
}

/** A DSA public key (the well-known 1024-bit parameters). */
const DSA =
  "ssh-dss AAAAB3NzaC1kc3MAAACBAP1/U4EddRIpUt9KnC7s5Of2EbdSPO9EAMMeP4C2USZpRV1AIlH7WT2NWPq/xfW6MPbLm1Vs14E7gB00b/JmYLdrmVClpJ+f6AR7ECLCT7up1/63xhv4O1fnxqimFQ8E+4P208UewwI1VBNaFpEy9nXzrith1yrv8iIDGZ3RSAHHAAAAFQCXYFCPFSMLzLKSuYKi64QL8Fgc9QAAAIEA9+GghdabPd7LvKtcNrhXuXmUr7v6OuqC+VdMCz0HgmdRWVeOutRZT+ZxBxCBgLRJFnEj6EwoFhO3zwkyjMim4TwWeotUfI0o4KOuHiuzpnWRbqN/C/ohNWLx+2J6ASQ7zKTxvqhRkImog9/hWuWfBpKLZl6Ae1UlZAFMO/7PSSoAAACBAPTKsD/7Xsd6T9A1SwEqcyqyYa1CHEeT6Am35xiN/CDIzMTfGHf3FWTQdE5e8Sa4nQ/Ahy1MGDNiF+aQRG8T9OnGhBVRg8FVaoDYBuvVpJdmE7zkRzmv4ZD+L3gX3zZDfuBqEi6V6CK+QEm2Kzln2JPHjHFE7NiOJHO8xBqFXmQy";
beforeAll(async () => {
  keys = await sshKeys();
});
afterAll(() => keys.cleanup());

describe("a compromised model proposing issue_ssh_certificate", () => {
  it("is refused by the judge whatever it asks beyond the policy: root, another key, a long TTL, a route of another lane", async () => {
    const brain = new ScriptedBrain();
    const planner = await shippedPlanner(brain);
    const user = await keys.user("victim");
    const other = await keys.user("attacker");
    const msg = message({ subject: "Re: route ssh-build-hosts", body: user.line });
    const base = { kind: "issue_ssh_certificate", route_id: "ssh-build-hosts", principals: ["builder"], ttl: "8h", key_fingerprint: user.fingerprint };
    const attempts: [Record<string, unknown>, RegExp][] = [
      [{ ...base, principals: ["root"] }, /allowed: builder, deploy-ci/],
      [{ ...base, principals: ["builder", "root"] }, /outside the route's policy/],
      [{ ...base, key_fingerprint: other.fingerprint }, /not the fingerprint of the public key in the message/],
      [{ ...base, ttl: "48h" }, /at most 8h/],
      [{ ...base, ttl: "forever" }, /not a duration/],
      [{ ...base, route_id: "ssh-signing-token" }, /not an SSH certificate route/],
      [{ ...base, route_id: "no-such-route" }, /no route/],
    ];
    for (const [action, reason] of attempts) {
      brain.next = { actions: [action, { kind: "mark_read" }], rationale: "obviously fine", confidence: 1 };
      const plan = await planner.plan(msg);
      expect(plan.run.map((a) => a.kind)).toEqual(["escalate", "mark_read"]);
      expect(plan.proposed[0]?.verdict).toBe("downgraded");
      expect(plan.proposed[0]?.reason).toMatch(reason);
    }
    // An extra field (a recipient, a CA) is not part of the action: the schema refuses it.
    brain.next = { actions: [{ ...base, to_agent: "attacker" }], rationale: "x", confidence: 1 };
    expect((await planner.plan(msg)).proposed[0]).toMatchObject({ verdict: "downgraded", rule: "schema" });
  });

  it("for a production route, even root (which that policy allows) becomes an approval request, never a signature", async () => {
    const brain = new ScriptedBrain();
    const planner = await shippedPlanner(brain);
    const user = await keys.user("prod");
    brain.next = { actions: [{ kind: "issue_ssh_certificate", route_id: "ssh-production-hosts", principals: ["root"], ttl: "1h", key_fingerprint: user.fingerprint }], rationale: "x", confidence: 1 };
    const plan = await planner.plan(message({ from_agent: "ops-agent", body: user.line }));
    const run = plan.run[0];
    expect(run).toMatchObject({ kind: "issue_ssh_certificate", approval: "maintainer", principals: ["root"], ttl_seconds: 3600 });
    expect(run && "approval_issue" in run && run.approval_issue?.body).toContain("/warden approve");
  });
});

describe("the judge's key checks", () => {
  const catalogWith = (ssh: string): Promise<Catalog> =>
    validateCatalogFiles(smallCatalog({ "catalog/ssh.yaml": `routes:\n  - id: ssh-build-hosts\n    title: SSH access to build hosts\n    kinds: [ssh-certificate]\n    owner: ops-warden\n    lane: issue\n    status: active\n    match: [ssh access to build hosts]\n    playbook: playbooks/ssh-certificates.md\n    ssh:\n${ssh}` }), { scanner: fakeScanner }).then((r) => r.catalog);

  it("refuses weak keys, no key, two keys; checks the sender against ssh.requesters", async () => {
    const catalog = await catalogWith("      principals: [builder]\n      max_ttl: 1h\n      role: build\n      requesters: [nightly-runner]\n");
    const user = await keys.user("ok");
    const action = { kind: "issue_ssh_certificate" as const, route_id: "ssh-build-hosts", principals: ["builder"], ttl: "1h", key_fingerprint: user.fingerprint };
    const judge = (text: string, sender: string) => judgeIssueSshCertificate(action, { messageKey: messageKey(text), sender }, catalog).verdict;
    expect(judge(user.line, "nightly-runner").outcome).toBe("allowed");
    expect(judge(user.line, "someone-else").reason).toMatch(/requesters are nightly-runner/);
    expect(judge("no key here", "nightly-runner").reason).toMatch(/no OpenSSH public key/);
    const other = await keys.user("two");
    expect(judge(`${user.line}\n${other.line}`, "nightly-runner").reason).toMatch(/2 public keys/);
    // DSA and RSA under 3072 bits are refused by name, with the fix.
    const weak = (line: string) => {
      const found = messageKey(line);
      const fp = "key" in found ? found.key.fingerprint : "";
      return judgeIssueSshCertificate({ ...action, key_fingerprint: fp }, { messageKey: found, sender: "nightly-runner" }, catalog).verdict.reason;
    };
    expect(weak(rsaLine(2048))).toMatch(/RSA key of 2048 bits is too weak \(at least 3072\); make a new key with `ssh-keygen -t ed25519`/);
    expect(weak(rsaLine(3072))).toMatch(/^sign SHA256:/);
    expect(weak(DSA)).toMatch(/DSA keys are not signed/);
  });

  it("catalog validate checks the ssh: block: production needs approval: maintainer, root only on production, the default is a principal", async () => {
    const problems = async (ssh: string, extra = "") => {
      const files = smallCatalog({ "catalog/ssh.yaml": `routes:\n  - id: ssh-build-hosts\n    title: SSH access to build hosts\n    kinds: [ssh-certificate]\n    owner: ops-warden\n    lane: issue\n    status: active\n    match: [ssh access to build hosts]\n    playbook: playbooks/ssh-certificates.md\n${extra}    ssh:\n${ssh}` });
      return (await validateCatalogFiles(files, { scanner: fakeScanner })).problems.map((p) => `${p.severity}: ${p.message}`);
    };
    expect(await problems("      principals: [builder]\n      max_ttl: 8h\n      role: build\n")).toEqual([]);
    expect(await problems("      principals: [root]\n      max_ttl: 8h\n      role: build\n")).toEqual(['error: principal "root" is allowed only on a production route (with approval: maintainer)']);
    expect(await problems("      principals: [ops]\n      max_ttl: 1h\n      role: prod\n", "    sensitivity: [production]\n")).toEqual(["error: route ssh-build-hosts is production: its ssh.approval must be maintainer"]);
    expect(await problems("      principals: [root]\n      max_ttl: 1h\n      role: prod\n      approval: maintainer\n", "    sensitivity: [production]\n")).toEqual([]);
    expect(await problems("      principals: [builder]\n      default_principal: deploy\n      max_ttl: 8h\n      role: build\n")).toEqual(['error: ssh.default_principal "deploy" is not one of ssh.principals (builder)']);
    expect(await problems("      principals: [builder]\n      max_ttl: 3d\n      role: build\n")).toEqual(["error: ssh.max_ttl 3d is longer than 24h"]);
    expect((await problems("      principals: [Build*]\n      max_ttl: 8h\n      role: build\n"))[0]).toMatch(/must be a plain user name/);
  });
});

describe("only maintainers change what a certificate allows", () => {
  it("the worker never proposes a change to an ssh: block: widening principals or TTL, or dropping approval, is refused", async () => {
    const brain = new ScriptedBrain();
    const planner = await shippedPlanner(brain);
    const route = planner.catalog.routes.find((r) => r.id === "ssh-build-hosts");
    const prod = planner.catalog.routes.find((r) => r.id === "ssh-production-hosts");
    if (!route?.ssh || !prod?.ssh) throw new Error("the shipped SSH routes carry ssh: blocks");
    const changes = [
      { ...route, ssh: { ...route.ssh, principals: [...route.ssh.principals, "ops"] } },
      { ...route, ssh: { ...route.ssh, max_ttl: "24h" } },
      { ...prod, ssh: { ...prod.ssh, approval: "none" as const } },
      { ...route, match: [...route.match, "ssh to the runners"], ssh: undefined },
    ];
    for (const entry of changes) {
      brain.next = { actions: [{ kind: "propose_catalog_change", op: "update", entry: JSON.parse(JSON.stringify(entry)) as unknown, rationale: "keep up with the fleet" }], rationale: "x", confidence: 1 };
      const plan = await planner.plan(message({ from_agent: "ops-warden" }));
      expect(plan.run.map((a) => a.kind)).toEqual(["escalate", "mark_read"]);
      expect(plan.proposed[0]?.reason).toMatch(entry.id === "ssh-production-hosts" ? /ssh: policy|production/ : /cannot add or change a route's ssh: policy/);
    }
  });
});
