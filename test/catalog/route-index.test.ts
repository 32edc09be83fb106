import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRouteIndex, loadCatalog, ROUTE_LOOKUP, routeSteps } from "../../src/catalog/index.ts";
import type { Catalog, Route, RouteIndex } from "../../src/domain/catalog.ts";
import { fakeScanner, REPO_ROOT } from "./helpers.ts";
import { propertyRuns } from "../support/property-runs.ts";

let catalog: Catalog;
let index: RouteIndex;
beforeAll(async () => {
  catalog = await loadCatalog(REPO_ROOT, { scanner: fakeScanner });
  index = buildRouteIndex(catalog.routes, catalog.playbooks, catalog.owners);
});

const top = (question: string) => {
  const answer = index.lookup(question);
  return { id: answer.matches[0]?.route.id, confident: answer.confident };
};

function route(id: string, fields: Partial<Route> = {}): Route {
  return { id, title: `Route ${id}`, kinds: ["thing"], owner: "ops-warden", lane: "owner-native", status: "active", match: [`${id} phrase`], sensitivity: [], ...fields };
}

describe("route index on the shipped catalog", () => {
  it.each([
    ["I need SSH access to build hosts", "ssh-build-hosts"],
    ["how do I get the postgres password for billing", "db-postgres-credentials"],
    ["Can someone give me AWS creds for the s3 bucket?", "cloud-aws-credentials"],
    ["I need an SSH cert for production", "ssh-production-hosts"],
    ["my ops-bridge tunnel fails: cert_command error", "ops-bridge-tunnel-cert"],
    ["how does the ssh signing token get rotated", "ssh-signing-token"],
    ["api token for the deploy api", "api-tokens"],
    ["our CI job on github actions needs an oidc role", "oidc-ci-roles"],
  ])("%s → %s, confidently", (question, id) => {
    expect(top(question)).toEqual({ id, confident: true });
  });

  it("ranks but is not confident where two routes fit: 'the signing token' may be the release one", () => {
    const answer = index.lookup("how does the signing token get rotated");
    expect(answer.matches[0]?.route.id).toBe("ssh-signing-token");
    expect(answer.matches.map((m) => m.route.id)).toContain("release-artifact-signing");
    expect(answer.confident).toBe(false);
  });

  it("answers the same whatever the case, punctuation and inflections", () => {
    const variants = ["i NEED ssh ACCESS to build HOSTS", "ssh access... to build-hosts??", "SSH accesses to the build host!"];
    for (const q of variants) expect(top(q)).toEqual({ id: "ssh-build-hosts", confident: true });
  });

  it("routes every match phrase of a live route to that route, confidently", () => {
    for (const r of catalog.routes.filter((x) => x.status !== "retired")) {
      for (const phrase of r.match) expect(top(phrase), `${r.id}: ${phrase}`).toEqual({ id: r.id, confident: true });
    }
  });

  it("is not confident about nonsense or about an ambiguous single word", () => {
    expect(index.lookup("purple elephant banana")).toEqual({ confident: false, outOfScope: true, matches: [] });
    expect(index.lookup("")).toEqual({ confident: false, outOfScope: true, matches: [] });
    const ssh = index.lookup("ssh");
    expect(ssh.confident).toBe(false);
    expect(ssh.matches.length).toBeGreaterThan(1);
  });

  it("explains a match with the phrase and terms that hit", () => {
    expect(index.lookup("postgres password please").matches[0]?.matched).toEqual(['"postgres password"', "postgr", "password"]);
  });

  it("gives a route's first playbook steps for answers", () => {
    const ssh = index.get("ssh-build-hosts");
    expect(ssh && routeSteps(ssh, catalog)[0]?.text).toMatch(/^Create a key pair/);
    expect(ssh && routeSteps(ssh, catalog, "", 10)).toHaveLength(5);
    const draft = index.get("tls-service-certificates");
    expect(draft && routeSteps(draft, catalog)).toEqual([]);
  });

  it("accepts a 64 KiB question and still finds the phrase in it", () => {
    const filler = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(1200).slice(0, 64 * 1024 - 100);
    const answer = index.lookup(`${filler} I need SSH access to build hosts`);
    expect(answer.matches[0]?.route.id).toBe("ssh-build-hosts");
  });

  it("accepts a 1 MB question without failing (only the first 64 KiB are read)", () => {
    const answer = index.lookup(`I need SSH access to build hosts ${"x".repeat(1024 * 1024)}`);
    expect(answer.matches[0]?.route.id).toBe("ssh-build-hosts");
  });

  it("keeps scores in 0..1, sorted, and never confident on a retired route", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(...catalog.routes.flatMap((r) => r.match)), (noise, phrase) => {
        const answer = index.lookup(`${noise} ${phrase}`);
        const scores = answer.matches.map((m) => m.score);
        expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
        if (answer.confident) expect(answer.matches[0]?.route.status).not.toBe("retired");
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("route index ranking rules", () => {
  it("never calls a retired route confident, even on its exact phrase", () => {
    const idx = buildRouteIndex([route("old-keys", { status: "retired", match: ["static access key"] })]);
    const answer = idx.lookup("static access key");
    expect(answer.confident).toBe(false);
    expect(answer.matches[0]?.route.id).toBe("old-keys");
  });

  it("ranks a draft below an active route that matches as well", () => {
    const same = { match: ["tls certificate"], title: "TLS certificates" };
    const idx = buildRouteIndex([route("a-draft", { ...same, status: "draft", lane: "draft" }), route("z-active", same)]);
    expect(idx.lookup("tls certificate").matches.map((m) => m.route.id)).toEqual(["z-active", "a-draft"]);
  });

  it("scores only routes reached through the question's terms, at most maxCandidates, not the whole catalog", () => {
    let statusReads = 0;
    const routes = Array.from({ length: 2000 }, (_, i) => {
      const r = route(`service-${i}-token`, { match: [`token for service ${i}`], kinds: [`kind-${i}`] });
      return Object.defineProperty({ ...r }, "status", { get: () => (statusReads += 1, "active"), enumerable: true }) as Route;
    });
    const idx = buildRouteIndex(routes);
    statusReads = 0;
    expect(idx.lookup("1234").matches[0]?.route.id).toBe("service-1234-token");
    expect(statusReads).toBeLessThan(10);
    // "kind" is in every route: the walk over its postings stops at the candidate cap.
    statusReads = 0;
    expect(idx.lookup("kind-1234").matches[0]?.route.id).toBe("service-1234-token");
    expect(statusReads).toBeLessThanOrEqual(ROUTE_LOOKUP.maxCandidates + 1);
  });

  it("lets get() and size describe the index", () => {
    const idx = buildRouteIndex([route("one"), route("two")]);
    expect(idx.size).toBe(2);
    expect(idx.get("two")?.id).toBe("two");
    expect(idx.get("three")).toBeUndefined();
  });
});
