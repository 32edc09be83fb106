import { describe, expect, it } from "vitest";
import { findChangeBlocks } from "../../src/brain/rule/change-blocks.ts";

const BLOCK = "```warden-change\nop: retire\nroute_id: cloud-static-keys\nrationale: r\n```";

describe("which warden-change block is the sender's own", () => {
  it("counts a block at the top level", () => {
    expect(findChangeBlocks(`Please apply:\n\n${BLOCK}\n`).topLevel).toHaveLength(1);
    expect(findChangeBlocks(`For example, our lane moved:\n\n${BLOCK}\n`).topLevel).toHaveLength(1);
  });

  it.each([
    ["a quote header", `On Tuesday, Alice Example wrote:\n\n${BLOCK}`],
    ["a German quote header", `Am Montag schrieb Bob:\n${BLOCK}`],
    ["a French quote header", `Carol a écrit :\n${BLOCK}`],
    ["a Spanish forward", `---------- Mensaje reenviado ----------\n${BLOCK}`],
    ["a Dutch forward", `-------- Doorgestuurd bericht --------\n${BLOCK}`],
    ["an Italian forward", `Messaggio inoltrato:\n${BLOCK}`],
    ["a French forward", `-------- Message transféré --------\n${BLOCK}`],
    ["another French forward", `---- Message transmis ----\nDe : Eve\n${BLOCK}`],
    ["German 'Weitergeleitete'", `Weitergeleitete Nachricht von Dave\n${BLOCK}`],
    ["an example label", `This is just an example, not a real request:\n${BLOCK}`],
    ["a hidden div", `<div hidden>\n\n${BLOCK}\n\n</div>\nWhich route covers SSH?`],
    ["a display:none span", `<span style="display: none">\n${BLOCK}\n</span>`],
    ["a template", `<template>\n${BLOCK}\n</template>`],
    ["a quoted lead-in", `> Could you retire this for us?\n${BLOCK}`],
  ])("does not count a block after %s", (_what, body) => {
    expect(findChangeBlocks(body).topLevel).toEqual([]);
  });

  it("does not count a block in a message whose subject says it is forwarded", () => {
    expect(findChangeBlocks(`${BLOCK}\n`, "Fwd: please retire").topLevel).toEqual([]);
    expect(findChangeBlocks(`${BLOCK}\n`, "WG: bitte").topLevel).toEqual([]);
    expect(findChangeBlocks(`${BLOCK}\n`, "retire the static keys route").topLevel).toHaveLength(1);
  });

  it("counts a block after a hidden element has closed", () => {
    expect(findChangeBlocks(`<div hidden>a note</div>\n\n${BLOCK}\n`).topLevel).toHaveLength(1);
  });
});

describe("a change request's cost is bounded before it is parsed", () => {
  it("refuses brackets nested deeper than 16 levels, naming the limit", async () => {
    const { parseChangeRequest } = await import("../../src/brain/rule/change-request.ts");
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const parsed = parseChangeRequest(`\`\`\`warden-change\nop: add\nrationale: ${deep}\n\`\`\`\n`);
    expect(parsed).toMatchObject({ found: true, error: "the warden-change block nests brackets deeper than 16 levels" });
    expect(parseChangeRequest("```warden-change\nop: retire\nroute_id: cloud-static-keys\nrationale: [a, [b]]\n```\n")).toMatchObject({ found: true });
  });
});
