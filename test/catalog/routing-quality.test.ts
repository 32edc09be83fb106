import { beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../bench/support/routing-eval.ts";
import { buildRouteIndex, loadCatalog } from "../../src/catalog/index.ts";
import type { RouteIndex } from "../../src/domain/catalog.ts";
import { loadQuestionSet } from "../fixtures/routing/questions.ts";
import { fakeScanner, REPO_ROOT } from "./helpers.ts";

/**
 * Keeps routing quality from regressing on the labelled question set (test/fixtures/routing),
 * the same figures `npm run bench -- routing-quality` prints, plus the cases issue 20 named.
 */
let index: RouteIndex;
beforeAll(async () => {
  const catalog = await loadCatalog(REPO_ROOT, { scanner: fakeScanner });
  index = buildRouteIndex(catalog.routes, catalog.playbooks, catalog.owners);
});

const rank = (q: string) => {
  const answer = index.lookup(q, { top: 3 });
  return { ids: answer.matches.map((m) => m.route.id), confident: answer.confident };
};

describe("routing quality on the labelled question set", () => {
  const set = loadQuestionSet();

  it("holds at least 150 questions, about 25 of them out of scope, in a tuning and a held-out part", () => {
    const all = [...set.tune, ...set.holdout];
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.filter((q) => q.route === null).length).toBeGreaterThanOrEqual(25);
    expect(set.holdout.length).toBeGreaterThanOrEqual(50);
  });

  it.each([["tune"], ["holdout"]] as const)("%s: never confidently wrong, abstains on every out-of-scope question, top-1 at least 90 %%", (part) => {
    const figures = evaluate(set[part], rank);
    expect(figures.misses.filter((m) => m.confident === true)).toEqual([]);
    expect(figures.confidentlyWrong).toBe(0);
    expect(figures.abstained).toBe(figures.outOfScope);
    expect(figures.top1 / figures.inScope).toBeGreaterThanOrEqual(0.9);
  });

  it("labels only routes that exist", () => {
    for (const q of [...set.tune, ...set.holdout]) if (q.route !== null) expect(index.get(q.route), q.q).toBeDefined();
  });
});

describe("the cases issue 20 named", () => {
  it.each([
    ["CMS database credentials", "db-mysql-credentials"],
    ["increase the max TTL of build host SSH certs", "openbao-ssh-engine"],
    ["password for the orders mysql database", "db-mysql-credentials"],
  ])("%s → %s first, never confidently anything else", (question, id) => {
    const answer = index.lookup(question);
    expect(answer.matches[0]?.route.id).toBe(id);
  });

  it("does not answer internal API tokens confidently for the Datadog metrics API", () => {
    const answer = index.lookup("API token for the Datadog metrics API");
    expect(answer.confident && answer.matches[0]?.route.id === "api-tokens").toBe(false);
    expect(answer.matches[0]?.route.id).toBe("vendor-api-keys");
  });

  it("offers no production route for staging, and the production one when production is asked for", () => {
    const staging = index.lookup("ssh into the staging web servers", { top: 10 });
    expect(staging.matches.map((m) => m.route.id)).not.toContain("ssh-production-hosts");
    expect(index.lookup("ssh into the prod web servers").matches[0]?.route.id).toBe("ssh-production-hosts");
    expect(index.lookup("break glass access during the outage").matches[0]?.route.id).toBe("ssh-production-hosts");
  });

  it("shows the Kubernetes route for a Kubernetes secret question", () => {
    const ids = index.lookup("how do I get a Kubernetes secret for my app", { top: 3 }).matches.map((m) => m.route.id);
    expect(ids[0]).toBe("secrets-engine-exec");
    expect(ids).toContain("kubernetes-service-account-tokens");
  });

  it.each([
    ["awss credentails for lamda", "cloud-aws-credentials"],
    ["postgress password for billing", "db-postgres-credentials"],
    ["GCS bucket access for a batch job", "cloud-gcp-credentials"],
    ["SendGrid API key", "vendor-api-keys"],
    ["Permission denied (publickey) with my new certificate", "ssh-host-trust"],
    ["what goes into TrustedUserCAKeys", "ssh-host-trust"],
    ["SSH CA rotation", "openbao-ssh-engine"],
    ["allow tag builds in the OIDC trust conditions of our role", "oidc-ci-roles"],
  ])("typos, abbreviations, vendor names and near-misses: %s → %s", (question, id) => {
    expect(index.lookup(question).matches[0]?.route.id).toBe(id);
  });

  it("tells an out-of-scope question so, and is never confident about it", () => {
    for (const q of ["tell me a joke", "how much did we spend on AWS last month", "schedule a postgres vacuum for the orders table"]) {
      const answer = index.lookup(q);
      expect(answer.outOfScope, q).toBe(true);
      expect(answer.confident, q).toBe(false);
    }
    expect(index.lookup("postgres password for billing").outOfScope).toBe(false);
  });
});
