import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedTestFiles } from "../setup/needs-isolation.ts";

let root: string;
// Spelled in pieces, so that this file itself does not read as one that needs isolation.
const NOCK = ["import nock from ", '"nock"'].join("");
const MOCK = ["vi", "mock"].join(".");
const CHDIR = ["process", "chdir"].join(".");

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "warden-isolation-"));
  const files: Record<string, string> = {
    "test/support/http-fake.ts": `${NOCK};\nexport const fake = nock;\n`,
    "test/support/plain.ts": 'import { join } from "node:path";\nexport const j = join;\n',
    "test/a/through-helper.test.ts": 'import { fake } from "../support/http-fake.ts";\n',
    "test/a/direct.test.ts": `${NOCK.replaceAll('"', "'")};\n`,
    "test/a/mocks.test.ts": `import { vi } from "vitest";\n${MOCK}("../../src/x.ts");\n`,
    "test/a/chdir.test.ts": `${CHDIR}("/");\n`,
    "test/a/plain.test.ts": 'import { j } from "../support/plain.ts";\nimport { x } from "../../src/uses-nock-by-name.ts";\n',
    "test/a/cycle.test.ts": 'import "./cycle-helper.ts";\n',
    "test/a/cycle-helper.ts": 'import "./cycle.test.ts";\n',
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), text);
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("isolatedTestFiles", () => {
  it("isolates the files that use nock (directly or through a test helper), vi.mock or process.chdir, and only those", () => {
    expect(isolatedTestFiles(root)).toEqual(["test/a/chdir.test.ts", "test/a/direct.test.ts", "test/a/mocks.test.ts", "test/a/through-helper.test.ts"]);
  });
});
