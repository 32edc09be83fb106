import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitStatus } from "../../src/cli/io.ts";
import { buildProgram, runCli } from "../../src/cli/program.ts";
import type { PlanDocument } from "../../src/worker/plan/document.ts";
import { captureIO, REPO_ROOT } from "../catalog/helpers.ts";

/** The docs' examples are checked against what the code prints for the sample inbox. */
let state: string;
beforeAll(async () => void (state = await mkdtemp(join(tmpdir(), "warden-docs-"))));
afterAll(() => rm(state, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = { ...captureIO(REPO_ROOT), env: { WARDEN_STATE_DIR: state } };
  const code = await runCli(args, io);
  return { code, out: io.stdout() };
}

const doc = (name: string) => readFile(join(REPO_ROOT, name), "utf8");

/** The fenced blocks of a Markdown file whose opening line is "```" + `lang`. */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((m) => m[1] ?? "");
}

describe("docs/plan-format.md", () => {
  it("shows lines of the compact plan exactly as the worker prints them for the sample inbox", async () => {
    const [example] = blocks(await doc("docs/plan-format.md"), "text");
    const { code, out } = await run(["worker", "run", "--once"]);
    expect(code).toBe(0);
    const printed = new Set(out.split("\n"));
    const shown = (example ?? "").split("\n").filter((line) => line.trim() !== "" && line !== "…");
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.filter((line) => !printed.has(line))).toEqual([]);
  });
});

describe("docs/hub-api.md", () => {
  it("shows the reply the worker really sends for msg-0001", async () => {
    const markdown = await doc("docs/hub-api.md");
    const request = blocks(markdown, "http").find((b) => b.startsWith("POST /v1/messages"));
    const body = JSON.parse((request ?? "").split("\n\n")[1] ?? "null") as Record<string, string>;
    const plan = JSON.parse((await run(["worker", "run", "--once", "--json"])).out) as PlanDocument;
    const action = plan.messages.find((m) => m.message_id === "msg-0001")?.run.find((a) => a.kind === "answer_route");
    const reply = (action as { reply?: Record<string, string> } | undefined)?.reply;
    expect(reply).toBeDefined();
    for (const field of ["thread_id", "in_reply_to", "from_agent", "to_agent", "subject"]) expect([field, body[field]]).toEqual([field, reply?.[field]]);
    expect(reply?.body?.startsWith(body.body?.replace(/…$/, "") ?? "?")).toBe(true);
  });
});

describe("README.md", () => {
  /** Every command a user can run, by its words after `warden`. */
  function runnable(command: Command, prefix: string[] = []): string[] {
    return command.commands.flatMap((sub) => {
      const words = [...prefix, sub.name()];
      const own = (sub as unknown as { _actionHandler: unknown })._actionHandler ? [words.join(" ")] : [];
      return [...own, ...runnable(sub, words)];
    });
  }

  it("lists every command in its CLI section", async () => {
    const readme = await doc("README.md");
    const section = readme.slice(readme.indexOf("## The CLI"), readme.indexOf("### Environment"));
    const commands = runnable(await buildProgram({ io: captureIO(), status: new ExitStatus() }, []));
    expect(commands).toContain("hub show");
    expect(commands.filter((c) => !new RegExp(`^warden ${c}\\b`, "m").test(section))).toEqual([]);
  });

  it("keeps exactly two set-up commands at the top: the worker dry-run and the tests", async () => {
    const readme = await doc("README.md");
    const top = readme.slice(readme.indexOf("## Try it"), readme.indexOf("## Catalog"));
    expect(blocks(top, "sh").map((b) => b.trim())).toEqual(["npm ci && npx warden worker run --once", "npm test"]);
  });
});
