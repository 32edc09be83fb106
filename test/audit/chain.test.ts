import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendRecords } from "../../src/adapters/audit/writer.ts";
import { verifyTrail } from "../../src/adapters/audit/verify-files.ts";
import { sampleEvent } from "../support/audit-events.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "warden-audit-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const write = (count: number, maxFileBytes = 1 << 30, from = 0) =>
  appendRecords({ dir, maxFileBytes }, Array.from({ length: count }, (_, i) => ({ event: sampleEvent(from + i) })));

async function editLines(file: string, edit: (lines: string[]) => string[]): Promise<void> {
  const path = join(dir, file);
  const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
  await writeFile(path, `${edit(lines).join("\n")}\n`);
}

describe("audit hash chain", () => {
  it("a chain of 1,000 events verifies", async () => {
    await write(1000);
    expect(await verifyTrail(dir)).toEqual({ files: 1, records: 1000, head: expect.anything() });
  });

  it("continues across separate appends", async () => {
    await write(10);
    await write(10, 1 << 30, 10);
    expect(await verifyTrail(dir)).toEqual({ files: 1, records: 20, head: expect.anything() });
  });

  it("detects an edited line at that line", async () => {
    await write(1000);
    await editLines("audit-000001.jsonl", (lines) => lines.map((l, i) => (i === 499 ? l.replace('"msg-', '"MSG-') : l)));
    expect((await verifyTrail(dir)).problem).toMatchObject({ file: "audit-000001.jsonl", line: 500, reason: expect.stringContaining("edited") });
  });

  it("detects a deleted line at that line", async () => {
    await write(1000);
    await editLines("audit-000001.jsonl", (lines) => lines.filter((_, i) => i !== 299));
    expect((await verifyTrail(dir)).problem).toMatchObject({ line: 300, reason: expect.stringContaining("deleted, inserted or moved") });
  });

  it("detects an inserted line at that line, even a well-formed copy", async () => {
    await write(1000);
    await editLines("audit-000001.jsonl", (lines) => [...lines.slice(0, 700), lines[10] as string, ...lines.slice(700)]);
    expect((await verifyTrail(dir)).problem).toMatchObject({ line: 701 });
  });

  it("detects two lines swapped at the first of them", async () => {
    await write(1000);
    await editLines("audit-000001.jsonl", (lines) => {
      const copy = [...lines];
      [copy[41], copy[42]] = [copy[42] as string, copy[41] as string];
      return copy;
    });
    expect((await verifyTrail(dir)).problem).toMatchObject({ line: 42 });
  });

  it("detects lines cut from the end through the saved head", async () => {
    await write(100);
    await editLines("audit-000001.jsonl", (lines) => lines.slice(0, 95));
    expect((await verifyTrail(dir)).problem).toMatchObject({ line: 96, reason: expect.stringContaining("removed from the end") });
  });

  it("rotation keeps the chain, and a break in a later file names that file", async () => {
    await write(300, 20_000);
    await write(300, 20_000, 300);
    const files = (await readdir(dir)).filter((f) => f.endsWith(".jsonl"));
    expect(files.length).toBeGreaterThan(3);
    expect(await verifyTrail(dir)).toEqual({ files: files.length, records: 600, head: expect.anything() });
    const third = files.sort()[2] as string;
    await editLines(third, (lines) => lines.slice(1));
    expect((await verifyTrail(dir)).problem).toMatchObject({ file: third, line: 1 });
  });

  it("removing a whole rotated file is detected at the next file's first line", async () => {
    await write(300, 20_000);
    const files = (await readdir(dir)).filter((f) => f.endsWith(".jsonl")).sort();
    await rm(join(dir, files[1] as string));
    expect((await verifyTrail(dir)).problem).toMatchObject({ file: files[2], line: 1 });
  });

  it("a torn last line (a writer killed mid-write) is cut off by the next writer", async () => {
    await write(5);
    await writeFile(join(dir, "audit-000001.jsonl"), `${await readFile(join(dir, "audit-000001.jsonl"), "utf8")}{"seq":6,"prev":"ab`);
    await write(5, 1 << 30, 5);
    expect(await verifyTrail(dir)).toEqual({ files: 1, records: 10, head: expect.anything() });
  });
});
