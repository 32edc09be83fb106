import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { CatalogEdit } from "../../src/catalog/index.ts";
import { applyCatalogEdit, formatProblem, validateCatalogFiles } from "../../src/catalog/index.ts";
import type { RouteInput } from "../../src/domain/catalog.ts";
import { LANES, ROUTE_STATUSES } from "../../src/domain/catalog.ts";
import { fakeScanner, FIXTURES, smallCatalog } from "./helpers.ts";

const slugArb = fc.stringMatching(/^[a-z]{2,8}(-[a-z0-9]{1,6}){0,2}$/);

/** A valid route body; the id and phrases are filled in per edit so they stay unique. */
const bodyArb = fc.record({
  title: fc.string({ minLength: 3, maxLength: 80 }),
  summary: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
  kinds: fc.uniqueArray(slugArb, { minLength: 1, maxLength: 3 }),
  owner: fc.constantFrom("ops-warden", "secrets-engine"),
  lane: fc.constantFrom(...LANES),
  status: fc.constantFrom(...ROUTE_STATUSES),
  words: fc.uniqueArray(fc.stringMatching(/^[a-z]{3,10}$/), { minLength: 1, maxLength: 3 }),
  withPlaybook: fc.boolean(),
  sensitivity: fc.subarray(["production", "secret-material"] as const),
});

const stepArb = fc.record({ op: fc.constantFrom("add", "update", "retire"), pick: fc.nat(), body: bodyArb });

type Body = typeof bodyArb extends fc.Arbitrary<infer T> ? T : never;

function entryFor(id: string, serial: number, body: Body): RouteInput {
  const { words, withPlaybook, ...rest } = body;
  return {
    ...rest,
    id,
    // A token unique to this edit keeps phrases from colliding across routes.
    match: words.map((w) => `zq${serial} ${w}`),
    ...(withPlaybook || rest.status === "active" ? { playbook: "playbooks/ssh-certificates.md" } : {}),
  };
}

const ids = (text: string): string[] =>
  ((parseDocument(text).toJS() as { routes?: { id: string }[] }).routes ?? []).map((r) => r.id);
const comments = (text: string): string[] => text.split(/\r?\n/).filter((l) => l.trimStart().startsWith("#"));

/** Every line of `wanted` appears in `lines`, in the same order. */
function keepsInOrder(wanted: readonly string[], lines: readonly string[]): boolean {
  let i = 0;
  for (const line of lines) if (line === wanted[i]) i += 1;
  return i === wanted.length;
}

describe("applyCatalogEdit round trip", () => {
  it("always yields a catalog that re-validates and keeps every comment", async () => {
    const original = await readFile(join(FIXTURES, "edit", "ssh.yaml"), "utf8");
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 5 }), async (steps) => {
        let text = original;
        let serial = 0;
        for (const step of steps) {
          serial += 1;
          const existing = ids(text);
          const target = existing[step.pick % existing.length] ?? "ssh-build-hosts";
          const edit: CatalogEdit =
            step.op === "add"
              ? { op: "add", entry: entryFor(`gen-${serial}`, serial, step.body) }
              : step.op === "update"
                ? { op: "update", entry: entryFor(target, serial, step.body) }
                : { op: "retire", route_id: target };
          text = applyCatalogEdit(text, edit);
          const { problems } = await validateCatalogFiles(smallCatalog({ "catalog/ssh.yaml": text }), { scanner: fakeScanner });
          const errors = problems.filter((p) => p.severity === "error").map(formatProblem);
          expect(errors, `${JSON.stringify(edit)}\n${text}`).toEqual([]);
        }
        expect(keepsInOrder(comments(original), text.split(/\r?\n/))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
